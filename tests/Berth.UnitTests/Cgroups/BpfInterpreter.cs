using System.Buffers.Binary;

namespace Berth.UnitTests.Cgroups;

/// <summary>
/// A small eBPF interpreter for checking generated programs without a kernel: ALU/ALU64, JMP/JMP32 with immediate
/// and register operands, LDX/STX/ST on the context and the stack, EXIT. Reading a register never written, a
/// load outside the context or stack, a jump out of the program, an unknown opcode or a runaway loop throws.
/// </summary>
internal sealed class BpfInterpreter
{
    private const ulong ContextBase = 0x1000_0000, StackTop = 0x2000_0000;
    private const int StackSize = 512, StepLimit = 100_000;

    private readonly byte[] _program;

    public BpfInterpreter(byte[] program)
    {
        if (program.Length % 8 != 0) throw new ArgumentException("program length is not a multiple of 8");
        _program = program;
    }

    /// <summary>Runs the program with r1 pointing at the context bytes; returns r0 at EXIT.</summary>
    public ulong Run(byte[] context)
    {
        var registers = new ulong[11];
        var written = new bool[11];
        var stack = new byte[StackSize];
        registers[1] = ContextBase;
        written[1] = true;
        registers[10] = StackTop;
        written[10] = true;

        int pc = 0;
        for (int steps = 0; steps < StepLimit; steps++)
        {
            if (pc < 0 || pc * 8 >= _program.Length) throw new InvalidOperationException($"pc {pc} left the program");
            var insn = _program.AsSpan(pc * 8, 8);
            byte code = insn[0];
            int dst = insn[1] & 0x0f, src = insn[1] >> 4;
            short offset = BinaryPrimitives.ReadInt16LittleEndian(insn[2..]);
            int immediate = BinaryPrimitives.ReadInt32LittleEndian(insn[4..]);
            if (dst > 10 || src > 10) throw new InvalidOperationException($"bad register at pc {pc}");
            int @class = code & 0x07;
            pc++;

            ulong Reg(int r) => written[r] ? registers[r] : throw new InvalidOperationException($"r{r} read before written at pc {pc - 1}");
            void Set(int r, ulong v)
            {
                if (r == 10) throw new InvalidOperationException("r10 is read-only");
                registers[r] = v;
                written[r] = true;
            }

            switch (@class)
            {
                case 0x04 or 0x07: // ALU, ALU64
                {
                    bool wide = @class == 0x07;
                    int op = code & 0xf0;
                    ulong operand = (code & 0x08) != 0 ? Reg(src) : (ulong)(long)immediate;
                    ulong left = op == 0xb0 ? 0 : Reg(dst);
                    if (!wide)
                    {
                        left &= 0xffff_ffff;
                        operand &= 0xffff_ffff;
                    }
                    int shiftMask = wide ? 63 : 31;
                    ulong result = op switch
                    {
                        0x00 => left + operand,
                        0x10 => left - operand,
                        0x20 => left * operand,
                        0x30 => operand == 0 ? 0 : left / operand,
                        0x40 => left | operand,
                        0x50 => left & operand,
                        0x60 => left << (int)(operand & (ulong)shiftMask),
                        0x70 => left >> (int)(operand & (ulong)shiftMask),
                        0x80 => (ulong)-(long)left,
                        0x90 => operand == 0 ? left : left % operand,
                        0xa0 => left ^ operand,
                        0xb0 => operand,
                        0xc0 => wide ? (ulong)((long)left >> (int)(operand & 63)) : (ulong)(uint)((int)left >> (int)(operand & 31)),
                        _ => throw new InvalidOperationException($"unknown ALU op 0x{code:x2}"),
                    };
                    Set(dst, wide ? result : result & 0xffff_ffff);
                    break;
                }
                case 0x05 or 0x06: // JMP, JMP32
                {
                    int op = code & 0xf0;
                    if (@class == 0x05 && op == 0x90) return Reg(0);
                    if (op == 0x80) throw new InvalidOperationException("calls are not supported");
                    if (op == 0x00)
                    {
                        pc += offset;
                        break;
                    }
                    ulong left = Reg(dst), right = (code & 0x08) != 0 ? Reg(src) : (ulong)(long)immediate;
                    if (@class == 0x06)
                    {
                        left &= 0xffff_ffff;
                        right &= 0xffff_ffff;
                    }
                    long sl = @class == 0x06 ? (int)left : (long)left, sr = @class == 0x06 ? (int)right : (long)right;
                    bool taken = op switch
                    {
                        0x10 => left == right,
                        0x20 => left > right,
                        0x30 => left >= right,
                        0x40 => (left & right) != 0,
                        0x50 => left != right,
                        0x60 => sl > sr,
                        0x70 => sl >= sr,
                        0xa0 => left < right,
                        0xb0 => left <= right,
                        0xc0 => sl < sr,
                        0xd0 => sl <= sr,
                        _ => throw new InvalidOperationException($"unknown JMP op 0x{code:x2}"),
                    };
                    if (taken) pc += offset;
                    break;
                }
                case 0x01: // LDX
                {
                    if ((code & 0xe0) != 0x60) throw new InvalidOperationException($"unsupported load mode 0x{code:x2}");
                    int size = Size(code);
                    Set(dst, Load(Reg(src) + (ulong)(long)offset, size, context, stack));
                    break;
                }
                case 0x02 or 0x03: // ST, STX
                {
                    if ((code & 0xe0) != 0x60) throw new InvalidOperationException($"unsupported store mode 0x{code:x2}");
                    ulong value = @class == 0x03 ? Reg(src) : (ulong)(long)immediate;
                    Store(Reg(dst) + (ulong)(long)offset, Size(code), value, stack);
                    break;
                }
                default:
                    throw new InvalidOperationException($"unsupported instruction class 0x{code:x2}");
            }
        }
        throw new InvalidOperationException("step limit reached");
    }

    private static int Size(byte code) => (code & 0x18) switch { 0x00 => 4, 0x08 => 2, 0x10 => 1, _ => 8 };

    private static ulong Load(ulong address, int size, byte[] context, byte[] stack)
    {
        Span<byte> source;
        if (address >= ContextBase && address + (ulong)size <= ContextBase + (ulong)context.Length)
            source = context.AsSpan((int)(address - ContextBase), size);
        else if (address >= StackTop - StackSize && address + (ulong)size <= StackTop)
            source = stack.AsSpan((int)(address - (StackTop - StackSize)), size);
        else
            throw new InvalidOperationException($"load of {size} bytes at 0x{address:x} is out of bounds");
        return size switch
        {
            1 => source[0],
            2 => BinaryPrimitives.ReadUInt16LittleEndian(source),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(source),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(source),
        };
    }

    private static void Store(ulong address, int size, ulong value, byte[] stack)
    {
        if (address < StackTop - StackSize || address + (ulong)size > StackTop)
            throw new InvalidOperationException($"store of {size} bytes at 0x{address:x} is out of bounds");
        var target = stack.AsSpan((int)(address - (StackTop - StackSize)), size);
        for (int i = 0; i < size; i++) target[i] = (byte)(value >> (8 * i));
    }
}

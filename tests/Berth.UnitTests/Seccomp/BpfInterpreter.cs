using System.Buffers.Binary;
using Berth.Runtime.Seccomp;

namespace Berth.UnitTests.Seccomp;

/// <summary>A classic-BPF evaluator over seccomp_data, with the kernel's load-time checks, to run compiled filters in tests.</summary>
internal static class BpfInterpreter
{
    private const ushort LoadWordAbsolute = 0x20, AndConstant = 0x54, JumpAlways = 0x05;
    private const ushort JumpIfEqual = 0x15, JumpIfGreater = 0x25, JumpIfGreaterOrEqual = 0x35, JumpIfSet = 0x45;
    private const ushort ReturnConstant = 0x06;

    /// <summary>Throws unless the kernel would accept <paramref name="program"/> as a seccomp filter.</summary>
    internal static void Verify(SockFilter[] program)
    {
        if (program.Length is 0 or > 4096) throw new InvalidDataException($"program length {program.Length}");
        for (int pc = 0; pc < program.Length; pc++)
        {
            var insn = program[pc];
            int remaining = program.Length - pc - 1;
            switch (insn.Code)
            {
                case LoadWordAbsolute:
                    if (insn.K >= 64 || (insn.K & 3) != 0) throw new InvalidDataException($"bad load offset {insn.K} at {pc}");
                    break;
                case AndConstant:
                case ReturnConstant:
                    break;
                case JumpAlways:
                    if (insn.K >= remaining) throw new InvalidDataException($"ja out of range at {pc}");
                    break;
                case JumpIfEqual or JumpIfGreater or JumpIfGreaterOrEqual or JumpIfSet:
                    if (insn.JumpIfTrue >= remaining || insn.JumpIfFalse >= remaining)
                        throw new InvalidDataException($"conditional jump out of range at {pc}");
                    break;
                default:
                    throw new InvalidDataException($"opcode 0x{insn.Code:x} at {pc}");
            }
        }
        if (program[^1].Code != ReturnConstant) throw new InvalidDataException("last instruction is not ret");
    }

    /// <summary>The verdict of <paramref name="program"/> for a syscall (args beyond those given are 0).</summary>
    internal static uint Run(SockFilter[] program, uint arch, uint nr, params ulong[] args)
    {
        Verify(program);
        Span<byte> data = stackalloc byte[64];
        BinaryPrimitives.WriteUInt32LittleEndian(data, nr);
        BinaryPrimitives.WriteUInt32LittleEndian(data[4..], arch);
        BinaryPrimitives.WriteUInt64LittleEndian(data[8..], 0x7f00_dead_beefUL); // instruction pointer
        for (int i = 0; i < args.Length; i++) BinaryPrimitives.WriteUInt64LittleEndian(data[(16 + 8 * i)..], args[i]);

        uint a = 0;
        for (int pc = 0; ; pc++)
        {
            var insn = program[pc];
            switch (insn.Code)
            {
                case LoadWordAbsolute: a = BinaryPrimitives.ReadUInt32LittleEndian(data[(int)insn.K..]); break;
                case AndConstant: a &= insn.K; break;
                case JumpAlways: pc += (int)insn.K; break;
                case JumpIfEqual: pc += a == insn.K ? insn.JumpIfTrue : insn.JumpIfFalse; break;
                case JumpIfGreater: pc += a > insn.K ? insn.JumpIfTrue : insn.JumpIfFalse; break;
                case JumpIfGreaterOrEqual: pc += a >= insn.K ? insn.JumpIfTrue : insn.JumpIfFalse; break;
                case JumpIfSet: pc += (a & insn.K) != 0 ? insn.JumpIfTrue : insn.JumpIfFalse; break;
                case ReturnConstant: return insn.K;
            }
        }
    }
}

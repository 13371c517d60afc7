using System.Buffers.Binary;

namespace Berth.Runtime.Cgroups.V2.DeviceFilter;

/// <summary>One eBPF instruction (struct bpf_insn): opcode, destination and source registers, offset, immediate.</summary>
internal readonly record struct BpfInstruction(byte Code, byte Destination, byte Source, short Offset, int Immediate)
{
    // Opcode parts from linux/bpf_common.h and linux/bpf.h.
    public const byte ClassLdx = 0x01, ClassJmp = 0x05, ClassAlu = 0x04;
    public const byte SizeWord = 0x00, ModeMem = 0x60;
    public const byte OpAnd = 0x50, OpRsh = 0x70, OpMov = 0xb0;
    public const byte JumpEq = 0x10, JumpNe = 0x50, JumpExit = 0x90;
    public const byte SourceImmediate = 0x00, SourceRegister = 0x08;

    /// <summary>The size of one encoded instruction.</summary>
    public const int Size = 8;

    /// <summary>dst = *(u32 *)(src + offset)</summary>
    public static BpfInstruction LoadWord(byte destination, byte source, short offset)
        => new(ClassLdx | ModeMem | SizeWord, destination, source, offset, 0);

    /// <summary>dst = src (32-bit, zero-extending)</summary>
    public static BpfInstruction Move32(byte destination, byte source)
        => new(ClassAlu | OpMov | SourceRegister, destination, source, 0, 0);

    /// <summary>dst = immediate (32-bit)</summary>
    public static BpfInstruction Move32(byte destination, int immediate)
        => new(ClassAlu | OpMov | SourceImmediate, destination, 0, 0, immediate);

    /// <summary>dst &amp;= immediate (32-bit)</summary>
    public static BpfInstruction And32(byte destination, int immediate)
        => new(ClassAlu | OpAnd | SourceImmediate, destination, 0, 0, immediate);

    /// <summary>dst &gt;&gt;= immediate (32-bit, logical)</summary>
    public static BpfInstruction RightShift32(byte destination, int immediate)
        => new(ClassAlu | OpRsh | SourceImmediate, destination, 0, 0, immediate);

    /// <summary>if (dst != immediate) skip `offset` instructions</summary>
    public static BpfInstruction JumpIfNotEqual(byte destination, int immediate, short offset)
        => new(ClassJmp | JumpNe | SourceImmediate, destination, 0, offset, immediate);

    /// <summary>if (dst == immediate) skip `offset` instructions</summary>
    public static BpfInstruction JumpIfEqual(byte destination, int immediate, short offset)
        => new(ClassJmp | JumpEq | SourceImmediate, destination, 0, offset, immediate);

    /// <summary>return r0</summary>
    public static BpfInstruction Exit() => new(ClassJmp | JumpExit, 0, 0, 0, 0);

    /// <summary>Writes the 8-byte little-endian encoding: code, dst (low nibble) | src (high nibble), offset, immediate.</summary>
    public void Encode(Span<byte> destination)
    {
        destination[0] = Code;
        destination[1] = (byte)((Destination & 0x0f) | (Source << 4));
        BinaryPrimitives.WriteInt16LittleEndian(destination[2..], Offset);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], Immediate);
    }

    /// <summary>Encodes a whole program.</summary>
    public static byte[] Encode(IReadOnlyList<BpfInstruction> program)
    {
        var bytes = new byte[program.Count * Size];
        for (int i = 0; i < program.Count; i++)
            program[i].Encode(bytes.AsSpan(i * Size, Size));
        return bytes;
    }

    /// <summary>Decodes one instruction (used to check programs).</summary>
    public static BpfInstruction Decode(ReadOnlySpan<byte> source)
        => new(source[0], (byte)(source[1] & 0x0f), (byte)(source[1] >> 4),
            BinaryPrimitives.ReadInt16LittleEndian(source[2..]), BinaryPrimitives.ReadInt32LittleEndian(source[4..]));
}

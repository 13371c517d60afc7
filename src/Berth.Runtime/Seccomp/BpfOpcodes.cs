namespace Berth.Runtime.Seccomp;

/// <summary>The classic BPF opcodes a seccomp filter uses (linux/bpf_common.h), already combined with their class and source.</summary>
internal static class BpfOpcodes
{
    /// <summary>A = 32-bit word at an absolute offset of seccomp_data.</summary>
    internal const ushort LoadWordAbsolute = 0x00 | 0x00 | 0x20; // BPF_LD | BPF_W | BPF_ABS

    /// <summary>A &amp;= K.</summary>
    internal const ushort AndConstant = 0x04 | 0x50 | 0x00; // BPF_ALU | BPF_AND | BPF_K

    /// <summary>Unconditional jump by K (32-bit offset).</summary>
    internal const ushort JumpAlways = 0x05 | 0x00; // BPF_JMP | BPF_JA

    /// <summary>Jump if A == K.</summary>
    internal const ushort JumpIfEqual = 0x05 | 0x10 | 0x00; // BPF_JMP | BPF_JEQ | BPF_K

    /// <summary>Jump if A &gt; K (unsigned).</summary>
    internal const ushort JumpIfGreater = 0x05 | 0x20 | 0x00; // BPF_JMP | BPF_JGT | BPF_K

    /// <summary>Jump if A &gt;= K (unsigned).</summary>
    internal const ushort JumpIfGreaterOrEqual = 0x05 | 0x30 | 0x00; // BPF_JMP | BPF_JGE | BPF_K

    /// <summary>Return K to the kernel as the filter's verdict.</summary>
    internal const ushort ReturnConstant = 0x06 | 0x00; // BPF_RET | BPF_K

    /// <summary>The longest program the kernel accepts (BPF_MAXINSNS).</summary>
    internal const int MaxInstructions = 4096;

    /// <summary>The furthest a conditional jump reaches: its offsets are single bytes.</summary>
    internal const int MaxConditionalJump = byte.MaxValue;
}

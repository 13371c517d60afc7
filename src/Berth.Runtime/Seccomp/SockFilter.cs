using System.Runtime.InteropServices;

namespace Berth.Runtime.Seccomp;

/// <summary>One classic BPF instruction, laid out exactly as the kernel's struct sock_filter.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct SockFilter(ushort Code, byte JumpIfTrue, byte JumpIfFalse, uint K)
{
    /// <inheritdoc/>
    public override string ToString() => $"{{ 0x{Code:x2}, {JumpIfTrue}, {JumpIfFalse}, 0x{K:x8} }}";
}

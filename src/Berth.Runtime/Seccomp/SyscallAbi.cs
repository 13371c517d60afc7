using Berth.Runtime.Seccomp.Syscalls;

namespace Berth.Runtime.Seccomp;

/// <summary>One syscall ABI inside an architecture section: how it numbers syscalls and how wide its arguments are.</summary>
/// <param name="Resolve">Name to number (as seccomp_data.nr shows it), -1 when the ABI lacks the syscall.</param>
/// <param name="Wide">True for 64-bit arguments; 32-bit ABIs compare only the low halves.</param>
internal sealed record SyscallAbi(Func<string, int> Resolve, bool Wide)
{
    /// <summary>The native x86_64 ABI.</summary>
    internal static readonly SyscallAbi X86_64 = new(SyscallTable.X86_64, Wide: true);

    /// <summary>The x32 ABI: x86_64 registers, 32-bit longs and pointers, numbers with the x32 bit.</summary>
    internal static readonly SyscallAbi X32 = new(SyscallTable.X32, Wide: false);

    /// <summary>The i386 compat ABI.</summary>
    internal static readonly SyscallAbi I386 = new(SyscallTable.I386, Wide: false);
}

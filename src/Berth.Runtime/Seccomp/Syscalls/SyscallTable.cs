namespace Berth.Runtime.Seccomp.Syscalls;

/// <summary>Syscall name to number tables per x86 ABI, generated from the kernel uapi headers by scripts/gen-syscall-tables.sh.</summary>
internal static partial class SyscallTable
{
    /// <summary>The bit the kernel sets in seccomp_data.nr for a syscall made through the x32 ABI.</summary>
    internal const uint X32SyscallBit = 0x40000000;
}

namespace Berth.Runtime.Seccomp;

/// <summary>Byte offsets into the kernel's struct seccomp_data, the input of every seccomp filter.</summary>
internal static class SeccompData
{
    /// <summary>Offset of the syscall number (int).</summary>
    internal const uint Nr = 0;

    /// <summary>Offset of the AUDIT_ARCH_* value of the calling ABI (u32).</summary>
    internal const uint Arch = 4;

    /// <summary>Offset of args[0]; each argument is a u64, stored little-endian on x86.</summary>
    internal const uint Args = 16;

    /// <summary>Size of struct seccomp_data.</summary>
    internal const int Size = 64;

    /// <summary>Offset of the low 32 bits of argument <paramref name="index"/>.</summary>
    internal static uint ArgLow(uint index) => Args + 8 * index;

    /// <summary>Offset of the high 32 bits of argument <paramref name="index"/>.</summary>
    internal static uint ArgHigh(uint index) => Args + 8 * index + 4;
}

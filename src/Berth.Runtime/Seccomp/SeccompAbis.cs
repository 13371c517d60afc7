namespace Berth.Runtime.Seccomp;

/// <summary>The x86 syscall ABIs a profile filters; a syscall through any other ABI gets the bad-architecture verdict.</summary>
[Flags]
internal enum SeccompAbis
{
    /// <summary>No ABI.</summary>
    None = 0,

    /// <summary>SCMP_ARCH_X86_64: the native 64-bit ABI (AUDIT_ARCH_X86_64, numbers below 0x40000000).</summary>
    X86_64 = 1,

    /// <summary>SCMP_ARCH_X86: the i386 compat ABI (AUDIT_ARCH_I386).</summary>
    X86 = 2,

    /// <summary>SCMP_ARCH_X32: the x32 ABI (AUDIT_ARCH_X86_64, numbers with the 0x40000000 bit).</summary>
    X32 = 4,
}

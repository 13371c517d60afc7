namespace Berth.Runtime.Seccomp;

/// <summary>Maps the profile's "architectures" onto the ABIs an x86_64 host can run, and their AUDIT_ARCH_* values.</summary>
internal static class SeccompArchitectures
{
    /// <summary>AUDIT_ARCH_X86_64 (EM_X86_64 | 64-bit | little-endian): x86_64 and x32 syscalls.</summary>
    internal const uint AuditArchX86_64 = 0xC000003E;

    /// <summary>AUDIT_ARCH_I386 (EM_386 | little-endian): i386 syscalls (int 0x80, sysenter).</summary>
    internal const uint AuditArchI386 = 0x40000003;

    /// <summary>
    /// The ABIs named in <paramref name="names"/>, always with the native x86_64 ABI: runc builds its filter
    /// with seccomp_init, which holds the native architecture, and only adds the listed ones to it.
    /// Foreign architectures (SCMP_ARCH_AARCH64, …) are skipped: no syscall on an x86_64 host carries
    /// their AUDIT_ARCH value, so a section for them could never match.
    /// </summary>
    internal static SeccompAbis Parse(IEnumerable<string>? names)
    {
        var abis = SeccompAbis.X86_64;
        foreach (var name in names ?? [])
        {
            abis |= name switch
            {
                "SCMP_ARCH_X86_64" => SeccompAbis.X86_64,
                "SCMP_ARCH_X86" => SeccompAbis.X86,
                "SCMP_ARCH_X32" => SeccompAbis.X32,
                _ when IsForeign(name) => SeccompAbis.None,
                _ => throw new RuntimeException($"unknown seccomp architecture \"{name}\""),
            };
        }
        return abis;
    }

    private static bool IsForeign(string name) => name is
        "SCMP_ARCH_ARM" or "SCMP_ARCH_AARCH64" or
        "SCMP_ARCH_MIPS" or "SCMP_ARCH_MIPS64" or "SCMP_ARCH_MIPS64N32" or
        "SCMP_ARCH_MIPSEL" or "SCMP_ARCH_MIPSEL64" or "SCMP_ARCH_MIPSEL64N32" or
        "SCMP_ARCH_PPC" or "SCMP_ARCH_PPC64" or "SCMP_ARCH_PPC64LE" or
        "SCMP_ARCH_S390" or "SCMP_ARCH_S390X" or
        "SCMP_ARCH_PARISC" or "SCMP_ARCH_PARISC64" or
        "SCMP_ARCH_RISCV64" or "SCMP_ARCH_LOONGARCH64" or "SCMP_ARCH_M68K" or
        "SCMP_ARCH_SH" or "SCMP_ARCH_SHEB";
}

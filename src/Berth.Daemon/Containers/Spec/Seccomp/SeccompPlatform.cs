using System.Runtime.InteropServices;

namespace Berth.Daemon.Containers.Spec.Seccomp;

/// <summary>What a profile's conditions are checked against: the host's Go architecture name ("amd64", as dockerd's
/// runtime.GOARCH), its native libseccomp architecture, and the running kernel's version.</summary>
public sealed record SeccompPlatform(string GoArch, string NativeArch, Version Kernel)
{
    /// <summary>This host.</summary>
    public static SeccompPlatform Current { get; } = new(
        RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            Architecture.X86 => "386",
            Architecture.S390x => "s390x",
            Architecture.Ppc64le => "ppc64le",
            Architecture.RiscV64 => "riscv64",
            var other => other.ToString().ToLowerInvariant(),
        },
        RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "SCMP_ARCH_X86_64",
            Architecture.Arm64 => "SCMP_ARCH_AARCH64",
            Architecture.Arm => "SCMP_ARCH_ARM",
            Architecture.X86 => "SCMP_ARCH_X86",
            Architecture.S390x => "SCMP_ARCH_S390X",
            Architecture.Ppc64le => "SCMP_ARCH_PPC64LE",
            Architecture.RiscV64 => "SCMP_ARCH_RISCV64",
            var other => "SCMP_ARCH_" + other.ToString().ToUpperInvariant(),
        },
        Environment.OSVersion.Version);
}

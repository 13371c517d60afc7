using System.Runtime.InteropServices;
using HostArchitecture = System.Runtime.InteropServices.Architecture;
using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>The platform an image runs on, as a descriptor or config names it (GOOS/GOARCH spelling).</summary>
public sealed record Platform
{
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";
    [JsonPropertyName("os")] public string Os { get; init; } = "";
    [JsonPropertyName("os.version")] public string? OsVersion { get; init; }
    [JsonPropertyName("os.features")] public List<string>? OsFeatures { get; init; }
    [JsonPropertyName("variant")] public string? Variant { get; init; }

    /// <summary>The platform of this process, e.g. linux/amd64 or linux/arm64/v8.</summary>
    public static Platform Current { get; } = FromHost();

    /// <summary>"os/arch" or "os/arch/variant", as docker prints a platform.</summary>
    public override string ToString() => string.IsNullOrEmpty(Variant) ? $"{Os}/{Architecture}" : $"{Os}/{Architecture}/{Variant}";

    private static Platform FromHost()
    {
        var (arch, variant) = RuntimeInformation.OSArchitecture switch
        {
            HostArchitecture.X64 => ("amd64", null),
            HostArchitecture.X86 => ("386", null),
            HostArchitecture.Arm64 => ("arm64", "v8"),
            // Docker calls 32-bit ARM without a variant v7 too, but naming it keeps the matcher's comparison explicit.
            HostArchitecture.Arm => ("arm", "v7"),
            HostArchitecture.Armv6 => ("arm", "v6"),
            HostArchitecture.S390x => ("s390x", null),
            HostArchitecture.Ppc64le => ("ppc64le", null),
            HostArchitecture.RiscV64 => ("riscv64", null),
            HostArchitecture.LoongArch64 => ("loong64", null),
            var other => (other.ToString().ToLowerInvariant(), (string?)null),
        };
        var os = OperatingSystem.IsLinux() ? "linux"
            : OperatingSystem.IsWindows() ? "windows"
            : OperatingSystem.IsMacOS() ? "darwin"
            : OperatingSystem.IsFreeBSD() ? "freebsd"
            : RuntimeInformation.OSDescription.ToLowerInvariant();
        return new Platform { Os = os, Architecture = arch, Variant = variant };
    }
}

using System.Reflection;

namespace Berth;

/// <summary>The executable's version, commit and build time, stamped at build time (see src/BerthVersion.props).
/// Compiled into berth and berthd alike, which must not reference each other.</summary>
internal static class BuildInfo
{
    private static readonly Assembly Self = typeof(BuildInfo).Assembly;

    /// <summary>The product version.</summary>
    public static string Version { get; } = (Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The short commit hash, or "unknown".</summary>
    public static string GitCommit { get; } = Metadata("BerthGitCommit") ?? "unknown";

    /// <summary>The build time, RFC 3339.</summary>
    public static string BuildTime { get; } = Metadata("BerthBuildTime") ?? "";

    /// <summary>The .NET runtime, shown where docker shows its Go version.</summary>
    public static string RuntimeVersion => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    /// <summary>Go's name for this machine's architecture, as docker prints OS/Arch.</summary>
    public static string GoArch => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string? Metadata(string key)
        => Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } v ? v : null;
}

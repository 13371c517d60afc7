using System.Reflection;

namespace Berth.Daemon;

/// <summary>berthd's version, commit and build time, stamped at build time (see src/BerthVersion.props).</summary>
public static class BuildInfo
{
    private static readonly Assembly Self = typeof(BuildInfo).Assembly;

    /// <summary>The product version (0.1.0).</summary>
    public static string Version { get; } = (Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The short commit hash, or "unknown".</summary>
    public static string GitCommit { get; } = Metadata("BerthGitCommit") ?? "unknown";

    /// <summary>The build time, RFC 3339.</summary>
    public static string BuildTime { get; } = Metadata("BerthBuildTime") ?? "";

    /// <summary>The .NET runtime, reported where Docker reports its Go version.</summary>
    public static string RuntimeVersion => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static string? Metadata(string key)
        => Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } v ? v : null;
}

namespace Berth.Daemon.Api.Models;

/// <summary>GET /version, in Docker's shape (types.Version).</summary>
public sealed class VersionResponse
{
    /// <summary>The product name the docker CLI prints after "Server:".</summary>
    public required PlatformInfo Platform { get; init; }
    /// <summary>The parts of the engine; the docker CLI prints the "Engine" component's details.</summary>
    public required List<ComponentVersion> Components { get; init; }
    /// <summary>The engine version.</summary>
    public required string Version { get; init; }
    /// <summary>The newest API version served.</summary>
    public required string ApiVersion { get; init; }
    /// <summary>The oldest API version served.</summary>
    public required string MinAPIVersion { get; init; }
    /// <summary>The commit berthd was built from.</summary>
    public required string GitCommit { get; init; }
    /// <summary>Docker reports its Go toolchain here; Berth reports the .NET runtime it runs on.</summary>
    public required string GoVersion { get; init; }
    /// <summary>"linux".</summary>
    public required string Os { get; init; }
    /// <summary>Go's architecture name (amd64, arm64).</summary>
    public required string Arch { get; init; }
    /// <summary>The host kernel release (uname -r).</summary>
    public required string KernelVersion { get; init; }
    /// <summary>Always false: Berth has no experimental mode.</summary>
    public bool Experimental { get; init; }
    /// <summary>When berthd was built, RFC 3339.</summary>
    public required string BuildTime { get; init; }
}

/// <summary>The Platform object of /version.</summary>
public sealed class PlatformInfo
{
    /// <summary>The product name.</summary>
    public required string Name { get; init; }
}

/// <summary>One entry of /version's Components.</summary>
public sealed class ComponentVersion
{
    /// <summary>"Engine" for berthd itself.</summary>
    public required string Name { get; init; }
    /// <summary>The component's version.</summary>
    public required string Version { get; init; }
    /// <summary>Free-form details; the docker CLI reads ApiVersion, MinAPIVersion, GitCommit, GoVersion, Os, Arch, KernelVersion, BuildTime, Experimental.</summary>
    public required Dictionary<string, string> Details { get; init; }
}

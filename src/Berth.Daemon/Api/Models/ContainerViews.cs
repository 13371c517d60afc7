using System.Text.Json.Serialization;
using Berth.Daemon.Containers.Store;

namespace Berth.Daemon.Api.Models;

/// <summary>POST /containers/create's answer.</summary>
public sealed class ContainerCreateResponse
{
    public string Id { get; set; } = "";
    public List<string> Warnings { get; set; } = [];
}

/// <summary>POST /containers/{id}/wait's answer.</summary>
public sealed class ContainerWaitResponse
{
    public int StatusCode { get; set; }
    public WaitError? Error { get; set; }
}

/// <summary>Why a wait could not report an exit code.</summary>
public sealed class WaitError
{
    public string Message { get; set; } = "";
}

/// <summary>GET /containers/{id}/json: Docker's inspect shape.</summary>
public sealed class ContainerInspect
{
    public string Id { get; set; } = "";
    public string Created { get; set; } = "";
    public string Path { get; set; } = "";
    public List<string> Args { get; set; } = [];
    public ContainerState State { get; set; } = new();
    public string Image { get; set; } = "";
    public string ResolvConfPath { get; set; } = "";
    public string HostnamePath { get; set; } = "";
    public string HostsPath { get; set; } = "";
    public string LogPath { get; set; } = "";
    public string Name { get; set; } = "";
    public int RestartCount { get; set; }
    public string Driver { get; set; } = "";
    public string Platform { get; set; } = "linux";
    public string MountLabel { get; set; } = "";
    public string ProcessLabel { get; set; } = "";
    public string AppArmorProfile { get; set; } = "";
    public List<string>? ExecIDs { get; set; }
    public HostConfig HostConfig { get; set; } = new();
    public GraphDriverData GraphDriver { get; set; } = new();
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? SizeRw { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? SizeRootFs { get; set; }
    public List<MountPoint> Mounts { get; set; } = [];
    public ContainerCreateConfig Config { get; set; } = new();
    public NetworkSettings NetworkSettings { get; set; } = new();
}

/// <summary>A volume or bind mount of a container.</summary>
public sealed class MountPoint
{
    public string Type { get; set; } = "";
    public string Source { get; set; } = "";
    public string Destination { get; set; } = "";
    public string Mode { get; set; } = "";
    public bool RW { get; set; }
    public string Propagation { get; set; } = "";
}

/// <summary>A container's network facts (inspect).</summary>
public sealed class NetworkSettings
{
    public string Bridge { get; set; } = "";
    public string SandboxID { get; set; } = "";
    public bool HairpinMode { get; set; }
    public string LinkLocalIPv6Address { get; set; } = "";
    public int LinkLocalIPv6PrefixLen { get; set; }
    public Dictionary<string, List<PortBinding>?> Ports { get; set; } = [];
    public string SandboxKey { get; set; } = "";
    public List<string>? SecondaryIPAddresses { get; set; }
    public List<string>? SecondaryIPv6Addresses { get; set; }
    public string EndpointID { get; set; } = "";
    public string Gateway { get; set; } = "";
    public string GlobalIPv6Address { get; set; } = "";
    public int GlobalIPv6PrefixLen { get; set; }
    public string IPAddress { get; set; } = "";
    public int IPPrefixLen { get; set; }
    public string IPv6Gateway { get; set; } = "";
    public string MacAddress { get; set; } = "";
    public Dictionary<string, EndpointSettings> Networks { get; set; } = [];
}

/// <summary>A published port.</summary>
public sealed class PortBinding
{
    public string HostIp { get; set; } = "";
    public string HostPort { get; set; } = "";
}

/// <summary>A container's endpoint on one network.</summary>
public sealed class EndpointSettings
{
    public object? IPAMConfig { get; set; }
    public List<string>? Links { get; set; }
    public List<string>? Aliases { get; set; }
    public string NetworkID { get; set; } = "";
    public string EndpointID { get; set; } = "";
    public string Gateway { get; set; } = "";
    public string IPAddress { get; set; } = "";
    public int IPPrefixLen { get; set; }
    public string IPv6Gateway { get; set; } = "";
    public string GlobalIPv6Address { get; set; } = "";
    public int GlobalIPv6PrefixLen { get; set; }
    public string MacAddress { get; set; } = "";
    public object? DriverOpts { get; set; }
}

/// <summary>One row of GET /containers/json.</summary>
public sealed class ContainerSummary
{
    public string Id { get; set; } = "";
    public List<string> Names { get; set; } = [];
    public string Image { get; set; } = "";
    public string ImageID { get; set; } = "";
    public string Command { get; set; } = "";
    public long Created { get; set; }
    public List<SummaryPort> Ports { get; set; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? SizeRw { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? SizeRootFs { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public string State { get; set; } = "";
    public string Status { get; set; } = "";
    public SummaryHostConfig HostConfig { get; set; } = new();
    public SummaryNetworks NetworkSettings { get; set; } = new();
    public List<MountPoint> Mounts { get; set; } = [];
}

/// <summary>A port in a list row.</summary>
public sealed class SummaryPort
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? IP { get; set; }
    public int PrivatePort { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public int PublicPort { get; set; }
    public string Type { get; set; } = "tcp";
}

/// <summary>The host config part of a list row.</summary>
public sealed class SummaryHostConfig
{
    public string NetworkMode { get; set; } = "";
}

/// <summary>The network part of a list row.</summary>
public sealed class SummaryNetworks
{
    public Dictionary<string, EndpointSettings> Networks { get; set; } = [];
}

/// <summary>POST /containers/prune's answer.</summary>
public sealed class ContainerPruneResponse
{
    public List<string>? ContainersDeleted { get; set; }
    public long SpaceReclaimed { get; set; }
}

/// <summary>POST /containers/{id}/exec's body.</summary>
public sealed class ExecCreateRequest
{
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public string? DetachKeys { get; set; }
    public bool Tty { get; set; }
    public List<int>? ConsoleSize { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public bool Privileged { get; set; }
    public string? User { get; set; }
    public string? WorkingDir { get; set; }
}

/// <summary>An answer carrying only an ID (exec create, commit).</summary>
public sealed class IdResponse
{
    public string Id { get; set; } = "";
}

/// <summary>POST /exec/{id}/start's body.</summary>
public sealed class ExecStartRequest
{
    public bool Detach { get; set; }
    public bool Tty { get; set; }
    public List<int>? ConsoleSize { get; set; }
}

/// <summary>GET /exec/{id}/json.</summary>
public sealed class ExecInspect
{
    public bool CanRemove { get; set; }
    public string ContainerID { get; set; } = "";
    public string DetachKeys { get; set; } = "";
    public int? ExitCode { get; set; }
    public string ID { get; set; } = "";
    public bool OpenStderr { get; set; }
    public bool OpenStdin { get; set; }
    public bool OpenStdout { get; set; }
    public ExecProcessConfig ProcessConfig { get; set; } = new();
    public bool Running { get; set; }
    public int Pid { get; set; }
}

/// <summary>The process part of an exec's inspect.</summary>
public sealed class ExecProcessConfig
{
    [System.Text.Json.Serialization.JsonPropertyName("arguments")] public List<string> Arguments { get; set; } = [];
    [System.Text.Json.Serialization.JsonPropertyName("entrypoint")] public string Entrypoint { get; set; } = "";
    [System.Text.Json.Serialization.JsonPropertyName("privileged")] public bool Privileged { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("tty")] public bool Tty { get; set; }
    [System.Text.Json.Serialization.JsonPropertyName("user")] public string User { get; set; } = "";
}

/// <summary>POST /containers/{id}/update's answer.</summary>
public sealed class ContainerUpdateResponse
{
    public List<string> Warnings { get; set; } = [];
}

using Berth.Oci.Image;

namespace Berth.Daemon.Api.Models;

/// <summary>The container part of POST /containers/create's body, in Docker's shape (Go's field names).</summary>
public class ContainerCreateConfig
{
    public string? Hostname { get; set; }
    public string? Domainname { get; set; }
    public string? User { get; set; }
    public bool AttachStdin { get; set; }
    public bool AttachStdout { get; set; }
    public bool AttachStderr { get; set; }
    public Dictionary<string, EmptyObject?>? ExposedPorts { get; set; }
    public bool Tty { get; set; }
    public bool OpenStdin { get; set; }
    public bool StdinOnce { get; set; }
    public List<string>? Env { get; set; }
    public List<string>? Cmd { get; set; }
    public HealthConfig? Healthcheck { get; set; }
    public string? Image { get; set; }
    public Dictionary<string, EmptyObject?>? Volumes { get; set; }
    public string? WorkingDir { get; set; }
    public List<string>? Entrypoint { get; set; }
    public bool NetworkDisabled { get; set; }
    public Dictionary<string, string>? Labels { get; set; }
    public string? StopSignal { get; set; }
    public int? StopTimeout { get; set; }
}

/// <summary>The whole create body: the container config with the host config beside it.</summary>
public sealed class ContainerCreateRequest : ContainerCreateConfig
{
    public HostConfig? HostConfig { get; set; }
}

/// <summary>The host-dependent part of a container's configuration (Docker's HostConfig).</summary>
public sealed class HostConfig
{
    public List<string>? Binds { get; set; }
    public LogConfig? LogConfig { get; set; }
    public string? NetworkMode { get; set; }
    public RestartPolicy? RestartPolicy { get; set; }
    public bool AutoRemove { get; set; }
    public List<MountSpec>? Mounts { get; set; }
    public List<string>? CapAdd { get; set; }
    public List<string>? CapDrop { get; set; }
    public List<string>? GroupAdd { get; set; }
    public string? CgroupParent { get; set; }
    public int OomScoreAdj { get; set; }
    public bool Privileged { get; set; }
    public bool ReadonlyRootfs { get; set; }
    public List<string>? SecurityOpt { get; set; }
    public Dictionary<string, string>? Tmpfs { get; set; }
    public long ShmSize { get; set; }
    public Dictionary<string, string>? Sysctls { get; set; }
    public long CpuShares { get; set; }
    public long Memory { get; set; }
    public long NanoCpus { get; set; }
    public long BlkioWeight { get; set; }
    public long CpuPeriod { get; set; }
    public long CpuQuota { get; set; }
    public string? CpusetCpus { get; set; }
    public string? CpusetMems { get; set; }
    public List<DeviceMapping>? Devices { get; set; }
    public long MemoryReservation { get; set; }
    public long MemorySwap { get; set; }
    public bool? OomKillDisable { get; set; }
    public long? PidsLimit { get; set; }
    public List<Ulimit>? Ulimits { get; set; }
    public bool? Init { get; set; }
    public List<string>? MaskedPaths { get; set; }
    public List<string>? ReadonlyPaths { get; set; }
}

/// <summary>The log driver and its options.</summary>
public sealed class LogConfig
{
    public string Type { get; set; } = "";
    public Dictionary<string, string>? Config { get; set; }
}

/// <summary>When the daemon restarts the container ("", "no", "always", "unless-stopped", "on-failure").</summary>
public sealed class RestartPolicy
{
    public string Name { get; set; } = "";
    public int MaximumRetryCount { get; set; }
}

/// <summary>One entry of HostConfig.Mounts (the --mount flag).</summary>
public sealed class MountSpec
{
    public string Target { get; set; } = "";
    public string? Source { get; set; }
    public string Type { get; set; } = "";
    public bool ReadOnly { get; set; }
}

/// <summary>A host device made available in the container (--device).</summary>
public sealed class DeviceMapping
{
    public string PathOnHost { get; set; } = "";
    public string PathInContainer { get; set; } = "";
    public string CgroupPermissions { get; set; } = "rwm";
}

/// <summary>One resource limit by its short name ("nofile", "nproc").</summary>
public sealed class Ulimit
{
    public string Name { get; set; } = "";
    public long Soft { get; set; }
    public long Hard { get; set; }
}

namespace Berth.Daemon.Api.Models;

/// <summary>GET /info, in Docker's shape (system.Info) with the fields `docker info` prints.</summary>
public sealed class InfoResponse
{
    /// <summary>The engine's persistent identity (a UUID, as dockerd's engine-id).</summary>
    public required string ID { get; init; }
    /// <summary>All containers.</summary>
    public int Containers { get; init; }
    /// <summary>Running containers.</summary>
    public int ContainersRunning { get; init; }
    /// <summary>Paused containers.</summary>
    public int ContainersPaused { get; init; }
    /// <summary>Stopped containers.</summary>
    public int ContainersStopped { get; init; }
    /// <summary>Images in the store.</summary>
    public int Images { get; init; }
    /// <summary>The storage driver: overlay2 or vfs.</summary>
    public required string Driver { get; init; }
    /// <summary>Driver facts as [name, value] pairs.</summary>
    public required List<string[]> DriverStatus { get; init; }
    /// <summary>Built-in plugins by kind.</summary>
    public required PluginsInfo Plugins { get; init; }
    /// <summary>Kernel support for memory limits.</summary>
    public bool MemoryLimit { get; init; }
    /// <summary>Kernel support for swap limits.</summary>
    public bool SwapLimit { get; init; }
    /// <summary>Kernel support for CFS period.</summary>
    public bool CpuCfsPeriod { get; init; }
    /// <summary>Kernel support for CFS quota.</summary>
    public bool CpuCfsQuota { get; init; }
    /// <summary>Kernel support for CPU shares.</summary>
    public bool CPUShares { get; init; }
    /// <summary>Kernel support for cpusets.</summary>
    public bool CPUSet { get; init; }
    /// <summary>Kernel support for pids limits.</summary>
    public bool PidsLimit { get; init; }
    /// <summary>Whether the OOM killer can be disabled (cgroup v1 only).</summary>
    public bool OomKillDisable { get; init; }
    /// <summary>net.ipv4.ip_forward.</summary>
    public bool IPv4Forwarding { get; init; }
    /// <summary>net.bridge.bridge-nf-call-iptables.</summary>
    public bool BridgeNfIptables { get; init; }
    /// <summary>net.bridge.bridge-nf-call-ip6tables.</summary>
    public bool BridgeNfIp6tables { get; init; }
    /// <summary>Debug mode.</summary>
    public bool Debug { get; init; }
    /// <summary>Open file descriptors of berthd.</summary>
    public int NFd { get; init; }
    /// <summary>Docker reports goroutines; Berth reports its threads.</summary>
    public int NGoroutines { get; init; }
    /// <summary>The daemon's clock, RFC 3339 with nanoseconds.</summary>
    public required string SystemTime { get; init; }
    /// <summary>The default log driver.</summary>
    public required string LoggingDriver { get; init; }
    /// <summary>"cgroupfs": Berth manages cgroups itself, not through systemd.</summary>
    public required string CgroupDriver { get; init; }
    /// <summary>"1" or "2".</summary>
    public required string CgroupVersion { get; init; }
    /// <summary>Event subscribers.</summary>
    public int NEventsListener { get; init; }
    /// <summary>uname -r.</summary>
    public required string KernelVersion { get; init; }
    /// <summary>PRETTY_NAME of /etc/os-release.</summary>
    public required string OperatingSystem { get; init; }
    /// <summary>VERSION_ID of /etc/os-release.</summary>
    public required string OSVersion { get; init; }
    /// <summary>"linux".</summary>
    public required string OSType { get; init; }
    /// <summary>uname -m.</summary>
    public required string Architecture { get; init; }
    /// <summary>The default registry's index address, as Docker reports it.</summary>
    public required string IndexServerAddress { get; init; }
    /// <summary>Registry settings.</summary>
    public required RegistryConfigInfo RegistryConfig { get; init; }
    /// <summary>CPUs available.</summary>
    public int NCPU { get; init; }
    /// <summary>Physical memory in bytes.</summary>
    public long MemTotal { get; init; }
    /// <summary>The data root.</summary>
    public required string DockerRootDir { get; init; }
    /// <summary>HTTP_PROXY of the daemon.</summary>
    public required string HttpProxy { get; init; }
    /// <summary>HTTPS_PROXY of the daemon.</summary>
    public required string HttpsProxy { get; init; }
    /// <summary>NO_PROXY of the daemon.</summary>
    public required string NoProxy { get; init; }
    /// <summary>The host name.</summary>
    public required string Name { get; init; }
    /// <summary>Engine labels.</summary>
    public required List<string> Labels { get; init; }
    /// <summary>Always false.</summary>
    public bool ExperimentalBuild { get; init; }
    /// <summary>berthd's version.</summary>
    public required string ServerVersion { get; init; }
    /// <summary>The OCI runtimes by name.</summary>
    public required Dictionary<string, RuntimeInfo> Runtimes { get; init; }
    /// <summary>The runtime used when a container names none.</summary>
    public required string DefaultRuntime { get; init; }
    /// <summary>Swarm state: always inactive.</summary>
    public required SwarmInfo Swarm { get; init; }
    /// <summary>Whether containers survive daemon restarts (not yet).</summary>
    public bool LiveRestoreEnabled { get; init; }
    /// <summary>Empty on Linux.</summary>
    public required string Isolation { get; init; }
    /// <summary>The init binary for --init.</summary>
    public required string InitBinary { get; init; }
    /// <summary>containerd's commit: Berth has no containerd.</summary>
    public required CommitInfo ContainerdCommit { get; init; }
    /// <summary>The runtime's commit.</summary>
    public required CommitInfo RuncCommit { get; init; }
    /// <summary>The init's commit.</summary>
    public required CommitInfo InitCommit { get; init; }
    /// <summary>Security features, as name=...,key=value strings.</summary>
    public required List<string> SecurityOptions { get; init; }
    /// <summary>Problems the operator should know about.</summary>
    public required List<string> Warnings { get; init; }
}

/// <summary>The Plugins object of /info.</summary>
public sealed class PluginsInfo
{
    /// <summary>Volume drivers.</summary>
    public required List<string> Volume { get; init; }
    /// <summary>Network drivers.</summary>
    public required List<string> Network { get; init; }
    /// <summary>Authorization plugins (none).</summary>
    public List<string>? Authorization { get; init; }
    /// <summary>Log drivers.</summary>
    public required List<string> Log { get; init; }
}

/// <summary>The RegistryConfig object of /info.</summary>
public sealed class RegistryConfigInfo
{
    /// <summary>Registries reached over plain HTTP, as CIDRs.</summary>
    public required List<string> InsecureRegistryCIDRs { get; init; }
    /// <summary>Per-registry settings.</summary>
    public required Dictionary<string, IndexInfo> IndexConfigs { get; init; }
    /// <summary>Registry mirrors.</summary>
    public required List<string> Mirrors { get; init; }
}

/// <summary>One entry of RegistryConfig.IndexConfigs.</summary>
public sealed class IndexInfo
{
    /// <summary>The registry's name.</summary>
    public required string Name { get; init; }
    /// <summary>Its mirrors.</summary>
    public required List<string> Mirrors { get; init; }
    /// <summary>Reached over TLS.</summary>
    public bool Secure { get; init; }
    /// <summary>Docker Hub.</summary>
    public bool Official { get; init; }
}

/// <summary>One entry of /info's Runtimes.</summary>
public sealed class RuntimeInfo
{
    /// <summary>The runtime's executable.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("path")]
    public required string Path { get; init; }
}

/// <summary>The Swarm object of /info.</summary>
public sealed class SwarmInfo
{
    /// <summary>Empty: no swarm.</summary>
    public required string NodeID { get; init; }
    /// <summary>Empty: no swarm.</summary>
    public required string NodeAddr { get; init; }
    /// <summary>"inactive".</summary>
    public required string LocalNodeState { get; init; }
    /// <summary>False.</summary>
    public bool ControlAvailable { get; init; }
    /// <summary>Empty.</summary>
    public required string Error { get; init; }
}

/// <summary>A commit of a bundled component, with the commit expected.</summary>
public sealed class CommitInfo
{
    /// <summary>The commit.</summary>
    public required string ID { get; init; }
}

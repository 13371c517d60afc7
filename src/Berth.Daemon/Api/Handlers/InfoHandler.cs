using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Configuration;
using Berth.Daemon.Hosting;
using Berth.Daemon.Inventory;
using Berth.Daemon.Machine;

namespace Berth.Daemon.Api.Handlers;

/// <summary>GET /info: the engine and its host, from live counters and the kernel's own files.</summary>
public sealed class InfoHandler(
    DaemonSettings settings, DataRoot dataRoot, StorageDriver storage, IContainerCounter containers, IImageCounter images)
{
    private static readonly OsRelease Os = OsRelease.Read();

    /// <summary>Registers the route.</summary>
    public void Map(Router router) => router.Map("GET", "/info", (context, _) =>
        SystemHandlers.WriteJsonAsync(context, Build(), ApiJsonContext.Api.InfoResponse));

    /// <summary>The /info body as of now.</summary>
    public InfoResponse Build()
    {
        var counts = containers.Count();
        var cgroups = CgroupFacts.Detect();
        var cpuControllers = cgroups.Version == 2 ? cgroups.Has("cpu") : cgroups.Has("cpu") && cgroups.Has("cpuacct");
        var warnings = new List<string>();
        if (storage.Reason != null) warnings.Add($"WARNING: overlay is unusable ({storage.Reason}); using the vfs storage driver");
        if (settings.Hosts.Any(h => h.Kind == ListenKind.Tcp) && !settings.Tls)
            warnings.Add("WARNING: API is accessible on TCP without encryption.");
        return new InfoResponse
        {
            ID = dataRoot.EngineId,
            Containers = counts.Total,
            ContainersRunning = counts.Running,
            ContainersPaused = counts.Paused,
            ContainersStopped = counts.Stopped,
            Images = images.Count(),
            Driver = storage.Name,
            DriverStatus = storage.Status(),
            Plugins = new PluginsInfo { Volume = ["local"], Network = ["bridge", "host", "none"], Log = ["json-file"] },
            MemoryLimit = cgroups.Has("memory"),
            SwapLimit = cgroups.SwapLimit(),
            CpuCfsPeriod = cpuControllers,
            CpuCfsQuota = cpuControllers,
            CPUShares = cpuControllers,
            CPUSet = cgroups.Has("cpuset"),
            PidsLimit = cgroups.Has("pids"),
            OomKillDisable = cgroups.Version == 1 && cgroups.Has("memory"),
            IPv4Forwarding = HostFacts.Ipv4Forwarding,
            BridgeNfIptables = HostFacts.ReadTrimmed("/proc/sys/net/bridge/bridge-nf-call-iptables") == "1",
            BridgeNfIp6tables = HostFacts.ReadTrimmed("/proc/sys/net/bridge/bridge-nf-call-ip6tables") == "1",
            Debug = settings.Debug,
            NFd = HostFacts.OpenFileDescriptors,
            NGoroutines = HostFacts.Threads,
            SystemTime = DateTimeOffset.Now.ToString("yyyy-MM-ddTHH:mm:ss.fffffffK"),
            LoggingDriver = "json-file",
            CgroupDriver = "cgroupfs",
            CgroupVersion = cgroups.Version.ToString(),
            KernelVersion = HostFacts.KernelVersion,
            OperatingSystem = Os.PrettyName,
            OSVersion = Os.VersionId,
            OSType = "linux",
            Architecture = HostFacts.Machine,
            IndexServerAddress = "https://index.docker.io/v1/",
            RegistryConfig = new RegistryConfigInfo
            {
                InsecureRegistryCIDRs = ["::1/128", "127.0.0.0/8"],
                IndexConfigs = new() { ["docker.io"] = new IndexInfo { Name = "docker.io", Mirrors = [], Secure = true, Official = true } },
                Mirrors = [],
            },
            NCPU = Environment.ProcessorCount,
            MemTotal = HostFacts.MemTotal,
            DockerRootDir = dataRoot.Path,
            HttpProxy = Environment.GetEnvironmentVariable("HTTP_PROXY") ?? Environment.GetEnvironmentVariable("http_proxy") ?? "",
            HttpsProxy = Environment.GetEnvironmentVariable("HTTPS_PROXY") ?? Environment.GetEnvironmentVariable("https_proxy") ?? "",
            NoProxy = Environment.GetEnvironmentVariable("NO_PROXY") ?? Environment.GetEnvironmentVariable("no_proxy") ?? "",
            Name = Environment.MachineName,
            Labels = [],
            ServerVersion = BuildInfo.Version,
            Runtimes = new() { ["berth-runtime"] = new RuntimeInfo { Path = "berth-runtime" } },
            DefaultRuntime = "berth-runtime",
            Swarm = new SwarmInfo { NodeID = "", NodeAddr = "", LocalNodeState = "inactive", Error = "" },
            Isolation = "",
            InitBinary = "",
            ContainerdCommit = new CommitInfo { ID = "" },
            RuncCommit = new CommitInfo { ID = BuildInfo.GitCommit },
            InitCommit = new CommitInfo { ID = "" },
            // None claimed until the container path really applies them (seccomp profile, cgroup namespaces).
            SecurityOptions = [],
            Warnings = warnings,
        };
    }
}

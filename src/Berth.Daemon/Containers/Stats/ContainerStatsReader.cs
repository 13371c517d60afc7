using Berth.Runtime.Cgroups;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Daemon.Containers.Stats;

/// <summary>Where a running container's figures are: its cgroup (the spec's linux.cgroupsPath) and its init's host pid.</summary>
public sealed record StatsSource(string ContainerId, string CgroupsPath, int InitPid, string? Name = null);

/// <summary>Reads a container's stats as dockerd 20.10 reports them, from the cgroup counters the runtime's cgroup
/// library collects (v1 per controller, v2 unified), host CPU and memory figures and the container's /proc/pid/net/dev.</summary>
public sealed class ContainerStatsReader
{
    private readonly HostFigures _host;
    private readonly CgroupLayout? _layout;
    private readonly TimeProvider _clock;

    /// <summary>The memory.stat keys dockerd copies on cgroup v1, each with its total_ twin.</summary>
    private static readonly string[] V1MemoryKeys =
    [
        "cache", "rss", "rss_huge", "mapped_file", "dirty", "writeback", "pgpgin", "pgpgout", "pgfault", "pgmajfault",
        "inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable",
    ];

    /// <summary>The memory.stat keys dockerd copies on cgroup v2.</summary>
    private static readonly string[] V2MemoryKeys =
    [
        "anon", "file", "kernel_stack", "slab", "sock", "shmem", "file_mapped", "file_dirty", "file_writeback", "anon_thp",
        "inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable", "slab_reclaimable", "slab_unreclaimable",
        "pgfault", "pgmajfault", "workingset_refault", "workingset_activate", "workingset_nodereclaim", "pgrefill", "pgscan",
        "pgsteal", "pgactivate", "pgdeactivate", "pglazyfree", "pglazyfreed", "thp_fault_alloc", "thp_collapse_alloc",
    ];

    /// <summary>A reader of this host's cgroups.</summary>
    public ContainerStatsReader() : this(new HostFigures(), null, TimeProvider.System) { }

    internal ContainerStatsReader(HostFigures host, CgroupLayout? layout, TimeProvider clock) => (_host, _layout, _clock) = (host, layout, clock);

    /// <summary>One sample; <paramref name="previous"/> (the last sample of a stream, or null) gives precpu_stats and preread.</summary>
    public ContainerStatsJson Read(StatsSource source, ContainerStatsJson? previous = null)
    {
        var cgroup = Open(source);
        var raw = cgroup.GetStats();
        var sample = new ContainerStatsJson
        {
            Read = _clock.GetUtcNow(),
            PreRead = previous?.Read ?? default,
            Name = source.Name,
            Id = source.ContainerId,
            PidsStats = new PidsStatsJson { Current = raw.Pids.Current, Limit = raw.Pids.Limit },
            BlkioStats = cgroup.IsUnified ? V2Blkio(raw.Blkio) : V1Blkio(raw.Blkio),
            CpuStats = new CpuStatsJson
            {
                CpuUsage = new CpuUsageJson
                {
                    TotalUsage = raw.Cpu.Usage.Total,
                    PercpuUsage = raw.Cpu.Usage.PerCpu,
                    UsageInKernelmode = raw.Cpu.Usage.Kernel,
                    UsageInUsermode = raw.Cpu.Usage.User,
                },
                SystemCpuUsage = _host.SystemCpuUsage(),
                OnlineCpus = _host.OnlineCpus(),
                ThrottlingData = new ThrottlingJson
                {
                    Periods = raw.Cpu.Throttling.Periods, ThrottledPeriods = raw.Cpu.Throttling.ThrottledPeriods, ThrottledTime = raw.Cpu.Throttling.ThrottledTime,
                },
            },
            PreCpuStats = previous?.CpuStats ?? new CpuStatsJson(),
            MemoryStats = Memory(cgroup, raw.Memory),
            Networks = source.InitPid > 0 ? _host.Networks(source.InitPid) : null,
        };
        return sample;
    }

    /// <summary>How many processes the kernel's OOM killer killed in the container's cgroup (v1 memory.oom_control,
    /// v2 memory.events "oom_kill"): berthd asks after the container exits, before the cgroup goes, for State.OOMKilled.</summary>
    public bool WasOomKilled(StatsSource source) => Open(source) is var cgroup && cgroup.Exists() && cgroup.GetOomKillCount() > 0;

    /// <summary>Every process in the container's cgroup, for top.</summary>
    public IReadOnlyList<int> Pids(StatsSource source) => Open(source).GetPids();

    private ICgroup Open(StatsSource source) => Cgroup.Open(source.CgroupsPath, source.ContainerId, _layout);

    private MemoryStatsJson Memory(ICgroup cgroup, MemoryStats memory)
    {
        var raw = memory.Raw ?? new SortedDictionary<string, ulong>();
        var stats = new SortedDictionary<string, ulong>(StringComparer.Ordinal);
        if (cgroup.IsUnified)
        {
            foreach (var key in V2MemoryKeys) stats[key] = raw.GetValueOrDefault(key);
        }
        else
        {
            foreach (var key in V1MemoryKeys)
            {
                stats[key] = raw.GetValueOrDefault(key);
                stats["total_" + key] = raw.GetValueOrDefault("total_" + key);
            }
            stats["hierarchical_memory_limit"] = raw.GetValueOrDefault("hierarchical_memory_limit");
            stats["hierarchical_memsw_limit"] = raw.GetValueOrDefault("hierarchical_memsw_limit");
        }
        var machine = _host.MemoryTotal();
        return new MemoryStatsJson
        {
            Usage = memory.Usage.Usage,
            // cgroup v2 has no peak dockerd 20.10 reads, and its failcnt is the "oom" count of memory.events.
            MaxUsage = cgroup.IsUnified ? 0 : memory.Usage.Max,
            Failcnt = cgroup.IsUnified ? cgroup.GetMemoryEvent("oom") : memory.Usage.Failcnt,
            Stats = stats,
            Limit = machine > 0 && memory.Usage.Limit > machine ? machine : memory.Usage.Limit,
        };
    }

    private static BlkioStatsJson V1Blkio(BlkioStats b) => new()
    {
        IoServiceBytesRecursive = Copy(b.IoServiceBytesRecursive),
        IoServicedRecursive = Copy(b.IoServicedRecursive),
        IoQueueRecursive = Copy(b.IoQueuedRecursive),
        IoServiceTimeRecursive = Copy(b.IoServiceTimeRecursive),
        IoWaitTimeRecursive = Copy(b.IoWaitTimeRecursive),
        IoMergedRecursive = Copy(b.IoMergedRecursive),
        IoTimeRecursive = Copy(b.IoTimeRecursive),
        SectorsRecursive = Copy(b.SectorsRecursive),
    };

    /// <summary>dockerd 20.10 reports only bytes on v2, per device as a "read" and a "write" entry.</summary>
    private static BlkioStatsJson V2Blkio(BlkioStats b)
    {
        var bytes = b.IoServiceBytesRecursive ?? [];
        var devices = bytes.Select(e => (e.Major, e.Minor)).Distinct().ToList();
        if (devices.Count == 0) return new BlkioStatsJson();
        ulong Value((ulong, ulong) d, string op) => bytes.FirstOrDefault(e => (e.Major, e.Minor) == d && e.Op == op)?.Value ?? 0;
        return new BlkioStatsJson
        {
            IoServiceBytesRecursive = devices.SelectMany(d => new[]
            {
                new BlkioEntryJson { Major = d.Major, Minor = d.Minor, Op = "read", Value = Value(d, "Read") },
                new BlkioEntryJson { Major = d.Major, Minor = d.Minor, Op = "write", Value = Value(d, "Write") },
            }).ToList(),
        };
    }

    /// <summary>The table as a list; v1 tables are never null in dockerd's answer, only empty.</summary>
    private static List<BlkioEntryJson> Copy(List<BlkioEntry>? entries)
        => (entries ?? []).Select(e => new BlkioEntryJson { Major = e.Major, Minor = e.Minor, Op = e.Op ?? "", Value = e.Value }).ToList();
}

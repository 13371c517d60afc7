using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups;

/// <summary>A container's cgroup across every hierarchy of the host, cgroup v1 or v2; obtained from Cgroup.Open.</summary>
internal interface ICgroup
{
    /// <summary>The resolved cgroup path, e.g. "/docker/abc" (for a relative spec path: its place in the first hierarchy).</summary>
    string Path { get; }

    /// <summary>The cgroup path in each hierarchy by hierarchy name ("memory", "cpu,cpuacct", "name=systemd", "unified"); keep it to reopen with Cgroup.FromPaths.</summary>
    IReadOnlyDictionary<string, string> Paths { get; }

    /// <summary>Whether this is a cgroup v2 cgroup (the host runs the unified hierarchy only).</summary>
    bool IsUnified { get; }

    /// <summary>Whether the cgroup exists in at least one hierarchy.</summary>
    bool Exists();

    /// <summary>
    /// Creates the cgroup in every hierarchy. v1: a new cpuset gets its parent's CPUs and memory nodes; v2: every
    /// controller an ancestor offers is enabled in its cgroup.subtree_control. What this call created is removed
    /// again if it fails.
    /// </summary>
    void Create();

    /// <summary>
    /// Applies resource limits; at creation and for `update`, where only fields present change. Everything is
    /// validated before anything is written; a controller the resources need but the host lacks is an error.
    /// </summary>
    void Apply(LinuxResources resources);

    /// <summary>Moves a process into the cgroup in every hierarchy.</summary>
    void AddProcess(int pid);

    /// <summary>Freezes every process in the cgroup; returns once the kernel reports it frozen.</summary>
    void Freeze();

    /// <summary>Thaws the cgroup; returns once the kernel reports it thawed.</summary>
    void Thaw();

    /// <summary>Whether the cgroup is frozen.</summary>
    bool IsFrozen();

    /// <summary>Every process in the cgroup and its descendants.</summary>
    IReadOnlyList<int> GetPids();

    /// <summary>Usage counters, serialisable with CgroupStatsJsonContext to runc's `events --stats` data.</summary>
    CgroupStats GetStats();

    /// <summary>How many processes the OOM killer killed in the cgroup (v1 memory.oom_control, v2 memory.events "oom_kill").</summary>
    ulong GetOomKillCount();

    /// <summary>A counter of cgroup v2's memory.events ("oom", "max", "oom_kill"); 0 on v1, which has no such file.</summary>
    ulong GetMemoryEvent(string name);

    /// <summary>OOM events as they happen, until cancelled or the cgroup is removed (blocking enumeration).</summary>
    IEnumerable<OomEvent> WatchOomEvents(CancellationToken cancellationToken);

    /// <summary>Removes the cgroup and its children everywhere, deepest first; retries briefly while busy; a missing cgroup is fine.</summary>
    void Destroy();
}

namespace Berth.Runtime.Cgroups;

/// <summary>How a host mounts cgroups, which decides the manager Berth uses.</summary>
internal enum CgroupMode
{
    /// <summary>Only cgroup v1 hierarchies.</summary>
    Legacy,

    /// <summary>cgroup v1 controllers plus a cgroup2 mount without them (usually /sys/fs/cgroup/unified); managed as v1.</summary>
    Hybrid,

    /// <summary>Only the cgroup2 hierarchy (the default of current distributions).</summary>
    Unified,
}

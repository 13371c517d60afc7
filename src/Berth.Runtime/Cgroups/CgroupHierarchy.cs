namespace Berth.Runtime.Cgroups;

/// <summary>
/// One mounted cgroup hierarchy: a v1 hierarchy with its controllers (or a name= hierarchy), or the cgroup2 one.
/// </summary>
/// <param name="Name">"memory", "cpu,cpuacct", "name=systemd"; "unified" for cgroup2.</param>
/// <param name="Controllers">The v1 controllers bound to it (empty for cgroup2 and named hierarchies).</param>
/// <param name="MountPoint">Where it is mounted, e.g. /sys/fs/cgroup/memory.</param>
/// <param name="MountRoot">The cgroup the mount shows as its root (not "/" under some cgroup namespaces).</param>
/// <param name="OwnPath">This process's cgroup in it, as /proc/self/cgroup states it.</param>
internal sealed record CgroupHierarchy(
    string Name, IReadOnlyList<string> Controllers, string MountPoint, string MountRoot, string OwnPath)
{
    /// <summary>The name of the cgroup2 hierarchy.</summary>
    public const string UnifiedName = "unified";

    /// <summary>Whether this is the cgroup2 hierarchy.</summary>
    public bool IsUnified => Name == UnifiedName;

    /// <summary>Whether the v1 controller is bound to this hierarchy.</summary>
    public bool Has(string controller) => Controllers.Contains(controller);

    /// <summary>The directory of a cgroup path (as /proc/&lt;pid&gt;/cgroup writes it) in this mount.</summary>
    public string DirectoryOf(string cgroupPath)
    {
        string relative = cgroupPath;
        if (MountRoot != "/" && (cgroupPath == MountRoot || cgroupPath.StartsWith(MountRoot + "/", StringComparison.Ordinal)))
            relative = cgroupPath[MountRoot.Length..];
        relative = relative.Trim('/');
        return relative.Length == 0 ? MountPoint : Path.Combine(MountPoint, relative);
    }
}

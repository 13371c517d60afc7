using Berth.Runtime.Cgroups.V1;
using Berth.Runtime.Cgroups.V2;

namespace Berth.Runtime.Cgroups;

/// <summary>Opens a container's cgroup with the manager the host's layout calls for (v1 on legacy and hybrid hosts, v2 on unified ones).</summary>
internal static class Cgroup
{
    /// <summary>
    /// Opens the cgroup for the spec's linux.cgroupsPath. Absolute paths start at each hierarchy's root, relative
    /// ones at this process's own cgroup in that hierarchy, and an empty path means the container ID below this
    /// process's own cgroup (as runc's cgroupfs driver does). A systemd "slice:prefix:name" path is refused.
    /// Nothing is created until Create().
    /// </summary>
    public static ICgroup Open(string? cgroupsPath, string containerId, CgroupLayout? layout = null)
    {
        layout ??= CgroupLayout.Detect();
        if (layout.Mode == CgroupMode.Unified)
            return new CgroupV2(layout, CgroupPath.Resolve(cgroupsPath, containerId, layout.Unified!.OwnPath));
        return new CgroupV1(layout, V1Members(layout).Select(h => (h, CgroupPath.Resolve(cgroupsPath, containerId, h.OwnPath))));
    }

    /// <summary>
    /// Reopens a cgroup from the Paths it reported when it was opened (kept in the container's state), so that a
    /// later process (`update`, `pause`, `delete`) finds the same directories whatever cgroup it runs in itself.
    /// </summary>
    public static ICgroup FromPaths(IReadOnlyDictionary<string, string> paths, CgroupLayout? layout = null)
    {
        layout ??= CgroupLayout.Detect();
        if (layout.Mode == CgroupMode.Unified)
        {
            if (!paths.TryGetValue(CgroupHierarchy.UnifiedName, out var path))
                throw new RuntimeException("the saved cgroup paths have no cgroup v2 path, but this host uses cgroup v2");
            return new CgroupV2(layout, CgroupPath.Clean(path));
        }
        var members = V1Members(layout).Where(h => paths.ContainsKey(h.Name)).Select(h => (h, CgroupPath.Clean(paths[h.Name]))).ToList();
        if (members.Count == 0)
            throw new RuntimeException("none of the saved cgroup paths matches a hierarchy mounted on this host");
        return new CgroupV1(layout, members);
    }

    /// <summary>The hierarchies a v1 cgroup lives in: every v1 hierarchy, plus the cgroup2 one on a hybrid host.</summary>
    private static IEnumerable<CgroupHierarchy> V1Members(CgroupLayout layout)
        => layout.Mode == CgroupMode.Hybrid ? [.. layout.V1Hierarchies, layout.Unified!] : layout.V1Hierarchies;
}

using Berth.Runtime.Cgroups.Common;

namespace Berth.Runtime.Cgroups;

/// <summary>
/// Where the host's cgroup hierarchies are mounted and where this process sits in them. Detect() reads
/// /proc/self/mountinfo and /proc/self/cgroup; tests build one over a fake tree with Parse or the constructor.
/// </summary>
/// <param name="V1Hierarchies">The mounted v1 hierarchies, the first mount of each.</param>
/// <param name="Unified">The first cgroup2 mount, if any.</param>
internal sealed record CgroupLayout(IReadOnlyList<CgroupHierarchy> V1Hierarchies, CgroupHierarchy? Unified)
{
    /// <summary>How cgroup files are accessed (the kernel, or a test double).</summary>
    public CgroupFiles Files { get; init; } = CgroupFiles.Kernel;

    /// <summary>Legacy, hybrid or unified, from which hierarchies carry controllers.</summary>
    public CgroupMode Mode
    {
        get
        {
            bool v1Controllers = V1Hierarchies.Any(h => h.Controllers.Count > 0);
            if (v1Controllers)
                return Unified is null ? CgroupMode.Legacy : CgroupMode.Hybrid;
            if (Unified is not null)
                return CgroupMode.Unified;
            throw new RuntimeException("no cgroup filesystem is mounted (looked for cgroup and cgroup2 in /proc/self/mountinfo)");
        }
    }

    /// <summary>The v1 hierarchy a controller is bound to, or null when it is not mounted.</summary>
    public CgroupHierarchy? V1HierarchyOf(string controller) => V1Hierarchies.FirstOrDefault(h => h.Has(controller));

    /// <summary>The layout of the running process.</summary>
    public static CgroupLayout Detect()
        => Parse(File.ReadAllText("/proc/self/mountinfo"), File.ReadAllText("/proc/self/cgroup"));

    /// <summary>Builds a layout from the text of a mountinfo file and of a /proc/&lt;pid&gt;/cgroup file.</summary>
    public static CgroupLayout Parse(string mountInfo, string processCgroups)
    {
        var ownPaths = ParseProcessCgroups(processCgroups);
        var v1 = new List<CgroupHierarchy>();
        CgroupHierarchy? unified = null;
        foreach (var line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var mount = MountInfoLine.TryParse(line);
            if (mount is null) continue;
            if (mount.FileSystemType == "cgroup2")
            {
                unified ??= new CgroupHierarchy(CgroupHierarchy.UnifiedName, [], mount.MountPoint, mount.Root,
                    ownPaths.GetValueOrDefault("", "/"));
            }
            else if (mount.FileSystemType == "cgroup")
            {
                var hierarchy = V1Hierarchy(mount, ownPaths);
                if (!v1.Any(h => h.Name == hierarchy.Name))
                    v1.Add(hierarchy);
            }
        }
        return new CgroupLayout(v1, unified);
    }

    /// <summary>The fstype-specific options of a v1 cgroup mount that are not controllers.</summary>
    private static readonly HashSet<string> NonControllerOptions =
        ["rw", "ro", "noprefix", "clone_children", "xattr", "cpuset_v2_mode", "favordynmods"];

    private static CgroupHierarchy V1Hierarchy(MountInfoLine mount, Dictionary<string, string> ownPaths)
    {
        var options = mount.SuperOptions.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Where(o => !NonControllerOptions.Contains(o) && !o.StartsWith("release_agent=", StringComparison.Ordinal))
            .ToList();
        var controllers = options.Where(o => !o.StartsWith("name=", StringComparison.Ordinal)).ToList();
        string name = string.Join(',', options);
        return new CgroupHierarchy(name, controllers, mount.MountPoint, mount.Root,
            ownPaths.GetValueOrDefault(Key(options), "/"));
    }

    /// <summary>Maps a sorted controller list ("" for cgroup2) to this process's path in that hierarchy.</summary>
    private static Dictionary<string, string> ParseProcessCgroups(string text)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(':', 3);
            if (fields.Length != 3) continue;
            paths[Key(fields[1].Split(',', StringSplitOptions.RemoveEmptyEntries))] = fields[2];
        }
        return paths;
    }

    private static string Key(IEnumerable<string> controllers) => string.Join(',', controllers.Order(StringComparer.Ordinal));
}

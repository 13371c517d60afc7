namespace Berth.Daemon.Machine;

/// <summary>The cgroup hierarchy the host runs and the resource controllers it offers.</summary>
public sealed record CgroupFacts(int Version, IReadOnlySet<string> Controllers)
{
    /// <summary>Detects v2 by the unified hierarchy's cgroup.controllers at the mount root; otherwise v1's per-controller mounts.</summary>
    public static CgroupFacts Detect(string root = "/sys/fs/cgroup")
    {
        var unified = Path.Combine(root, "cgroup.controllers");
        if (File.Exists(unified))
        {
            var names = (HostFacts.ReadTrimmed(unified) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new CgroupFacts(2, names.ToHashSet());
        }
        var v1 = new HashSet<string>();
        try
        {
            foreach (var dir in Directory.GetDirectories(root))
                foreach (var name in Path.GetFileName(dir).Split(',')) v1.Add(name);
        }
        catch (IOException) { }
        return new CgroupFacts(1, v1);
    }

    /// <summary>True when the named controller can be used.</summary>
    public bool Has(string controller) => Controllers.Contains(controller);

    /// <summary>Swap limits: memory.swap.max on v2, memory.memsw.* on v1.</summary>
    public bool SwapLimit(string root = "/sys/fs/cgroup")
        => Has("memory") && (Version == 2 || File.Exists(Path.Combine(root, "memory", "memory.memsw.limit_in_bytes")));
}

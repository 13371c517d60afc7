namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>Whether the kernel's OOM killer acted in a container's memory cgroup (read before the runtime deletes it).</summary>
public static class OomKills
{
    /// <summary>True when the cgroup under &lt;cgroupsPath&gt; counts an OOM kill (v1 memory.oom_control, v2 memory.events).</summary>
    public static bool Any(string cgroupsPath, string cgroupRoot = "/sys/fs/cgroup")
    {
        var relative = cgroupsPath.TrimStart('/');
        var v1 = Path.Combine(cgroupRoot, "memory", relative, "memory.oom_control");
        var v2 = Path.Combine(cgroupRoot, relative, "memory.events");
        var file = File.Exists(v1) ? v1 : File.Exists(v2) ? v2 : null;
        if (file is null) return false;
        foreach (var line in File.ReadLines(file))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["oom_kill", var n] && long.TryParse(n, out var count) && count > 0) return true;
        }
        return false;
    }
}

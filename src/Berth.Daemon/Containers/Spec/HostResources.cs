namespace Berth.Daemon.Containers.Spec;

/// <summary>What the host offers that resource validation checks against: CPU count and the cpuset and memory nodes
/// available (as cpuset lists, "0-3").</summary>
public sealed record HostResources(int CpuCount, string Cpus, string Mems)
{
    /// <summary>This machine, as dockerd's sysinfo sees it: the root cgroup's cpuset if there is one.</summary>
    public static HostResources Current()
    {
        var cpus = ReadList("/sys/fs/cgroup/cpuset.cpus.effective", "/sys/fs/cgroup/cpuset/cpuset.cpus")
            ?? $"0-{Environment.ProcessorCount - 1}";
        var mems = ReadList("/sys/fs/cgroup/cpuset.mems.effective", "/sys/fs/cgroup/cpuset/cpuset.mems", "/sys/devices/system/node/online") ?? "0";
        return new HostResources(Environment.ProcessorCount, cpus, mems);
    }

    private static string? ReadList(params string[] paths)
    {
        foreach (var path in paths)
        {
            try
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length > 0) return text;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return null;
    }
}

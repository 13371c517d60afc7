namespace Berth.Daemon.Containers.Spec;

/// <summary>What the host offers that resource validation checks against: CPU count and the cpuset and memory nodes
/// available (as cpuset lists, "0-3"), and whether block I/O can be weighted.</summary>
public sealed record HostResources(int CpuCount, string Cpus, string Mems, bool BlkioWeight = true)
{
    /// <summary>This machine, as dockerd's sysinfo sees it: the root cgroup's cpuset if there is one.</summary>
    public static HostResources Current()
    {
        var cpus = ReadList("/sys/fs/cgroup/cpuset.cpus.effective", "/sys/fs/cgroup/cpuset/cpuset.cpus")
            ?? $"0-{Environment.ProcessorCount - 1}";
        var mems = ReadList("/sys/fs/cgroup/cpuset.mems.effective", "/sys/fs/cgroup/cpuset/cpuset.mems", "/sys/devices/system/node/online") ?? "0";
        return new HostResources(Environment.ProcessorCount, cpus, mems, HasBlkioWeight());
    }

    // As dockerd's sysinfo: on cgroup v2 the io controller; on v1 a weight file, which only the CFQ and BFQ I/O
    // schedulers give the blkio controller (mq-deadline hosts have none).
    private static bool HasBlkioWeight() => File.Exists("/sys/fs/cgroup/cgroup.controllers")
        ? ReadList("/sys/fs/cgroup/cgroup.controllers")?.Split(' ').Contains("io") == true
        : File.Exists("/sys/fs/cgroup/blkio/blkio.weight") || File.Exists("/sys/fs/cgroup/blkio/blkio.bfq.weight");

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

namespace Berth.CompatibilityTests.Harness;

/// <summary>
/// The cgroup a container process really sits in, read from the host side (/proc/&lt;pid&gt;/cgroup), with the
/// limit files tests compare; copes with cgroup v1 (and hybrid) and pure v2 hosts.
/// </summary>
public sealed class ContainerCgroup
{
    private const string Root = "/sys/fs/cgroup";
    private readonly Dictionary<string, string> _v1PathByController;
    private readonly string? _v2Path;

    private ContainerCgroup(Dictionary<string, string> v1PathByController, string? v2Path)
    {
        _v1PathByController = v1PathByController;
        _v2Path = v2Path;
    }

    /// <summary>True on a host whose /sys/fs/cgroup is the unified (v2) hierarchy.</summary>
    public static bool IsUnifiedHost => File.Exists(Path.Combine(Root, "cgroup.controllers"));

    /// <summary>Reads the cgroup membership of host process <paramref name="pid"/>.</summary>
    public static ContainerCgroup OfProcess(int pid)
    {
        var v1 = new Dictionary<string, string>();
        string? v2 = null;
        foreach (var line in File.ReadAllLines($"/proc/{pid}/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            if (parts[1].Length == 0) v2 = parts[2];
            foreach (var controller in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)) v1[controller] = parts[2];
        }
        return new ContainerCgroup(v1, v2);
    }

    /// <summary>The cgroup path (relative to the hierarchy root) that holds the memory controller.</summary>
    public string MemoryPath => IsUnifiedHost ? _v2Path ?? "" : _v1PathByController.GetValueOrDefault("memory", "");

    /// <summary>The memory limit in bytes, or null when unlimited.</summary>
    public long? MemoryLimit()
    {
        var text = IsUnifiedHost ? ReadV2("memory.max") : ReadV1("memory", "memory.limit_in_bytes");
        if (text == "max") return null;
        var value = long.Parse(text);
        // v1 reports "unlimited" as the largest page-aligned signed 64-bit value.
        return value >= long.MaxValue - 4096 ? null : value;
    }

    /// <summary>The CFS bandwidth limit: quota per period in microseconds (quota null when unlimited).</summary>
    public (long? Quota, long Period) CpuQuota()
    {
        if (IsUnifiedHost)
        {
            var fields = ReadV2("cpu.max").Split(' ');
            return (fields[0] == "max" ? null : long.Parse(fields[0]), long.Parse(fields[1]));
        }
        var quota = long.Parse(ReadV1("cpu", "cpu.cfs_quota_us"));
        return (quota < 0 ? null : quota, long.Parse(ReadV1("cpu", "cpu.cfs_period_us")));
    }

    /// <summary>The relative CPU weight: cpu.shares on v1, cpu.weight on v2 (different scales).</summary>
    public long CpuWeight() => long.Parse(IsUnifiedHost ? ReadV2("cpu.weight") : ReadV1("cpu", "cpu.shares"));

    /// <summary>Whether the OOM killer is disabled for the cgroup (v1 only: v2 has no such switch).</summary>
    public bool OomKillDisabled() =>
        IsUnifiedHost
            ? throw new InvalidOperationException("cgroup v2 has no OOM-killer switch")
            : ReadV1("memory", "memory.oom_control").Split('\n').Contains("oom_kill_disable 1");

    /// <summary>The pids limit as the kernel shows it ("max" or a number).</summary>
    public string PidsMax() => IsUnifiedHost ? ReadV2("pids.max") : ReadV1("pids", "pids.max");

    /// <summary>How many tasks the pids controller counts in the cgroup now.</summary>
    public int PidsCurrent() => int.Parse(IsUnifiedHost ? ReadV2("pids.current") : ReadV1("pids", "pids.current"));

    /// <summary>True when the freezer reports the cgroup frozen.</summary>
    public bool IsFrozen() =>
        IsUnifiedHost
            ? File.ReadAllLines(V2File("cgroup.events")).Contains("frozen 1")
            : ReadV1("freezer", "freezer.state") == "FROZEN";

    private string ReadV1(string controller, string file)
    {
        var path = _v1PathByController.TryGetValue(controller, out var relative)
            ? Path.Join(Root, controller, relative, file)
            : throw new InvalidOperationException($"the process is in no {controller} cgroup");
        return File.ReadAllText(path).Trim();
    }

    private string ReadV2(string file) => File.ReadAllText(V2File(file)).Trim();

    private string V2File(string file) =>
        Path.Join(Root, _v2Path ?? throw new InvalidOperationException("the process is in no unified cgroup"), file);
}

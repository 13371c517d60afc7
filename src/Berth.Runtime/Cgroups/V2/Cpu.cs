using System.Globalization;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>
/// The v2 cpu controller: cpu.weight (converted from the spec's shares), cpu.max "quota period" ("max" for no
/// quota), cpu.max.burst, cpu.idle. Real-time budgets have no v2 equivalent and are refused.
/// </summary>
internal sealed class Cpu : IResourceController
{
    /// <summary>The kernel's default CFS period, used when neither the spec nor the file gives one.</summary>
    private const ulong DefaultPeriod = 100_000;

    public string Name => "cpu";

    public bool IsRequested(LinuxResources resources) => resources.Cpu is { } c
        && (c.Shares is ulong and not 0 || c.Quota is long and not 0 || c.Period is ulong and not 0 || c.Burst is not null || c.Idle is not null
            || c.RealtimeRuntime is long and not 0 || c.RealtimePeriod is ulong and not 0);

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        var cpu = resources.Cpu!;
        if (cpu.RealtimeRuntime is long and not 0 || cpu.RealtimePeriod is ulong and not 0)
            throw new RuntimeException("real-time CPU limits (realtimeRuntime, realtimePeriod) are not supported on cgroup v2");
        if (cpu.Shares is ulong shares and not 0 && shares is < ResourceConversions.MinCpuShares or > ResourceConversions.MaxCpuShares)
            throw new RuntimeException($"invalid cpu shares {shares}: the range is {ResourceConversions.MinCpuShares}-{ResourceConversions.MaxCpuShares}");
        if (cpu.Burst is not null && !directory.Has("cpu.max.burst"))
            throw new RuntimeException("a CPU burst was requested but this kernel has no cpu.max.burst");
        if (cpu.Idle is long idle)
        {
            if (idle is not (0 or 1))
                throw new RuntimeException($"invalid cpu idle value {idle}: use 0 or 1");
            if (!directory.Has("cpu.idle"))
                throw new RuntimeException("cpu idle was requested but this kernel has no cpu.idle");
        }
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var cpu = resources.Cpu!;
        if (cpu.Shares is ulong shares and not 0)
            directory.Write("cpu.weight", ResourceConversions.CpuSharesToWeight(shares));
        if (cpu.Quota is long and not 0 || cpu.Period is ulong and not 0)
            directory.Write("cpu.max", CpuMax(directory, cpu.Quota ?? 0, cpu.Period ?? 0));
        if (cpu.Burst is ulong burst)
            directory.Write("cpu.max.burst", burst);
        if (cpu.Idle is long idle)
            directory.Write("cpu.idle", idle);
    }

    /// <summary>The new "quota period" line; a part the spec leaves out (0 or absent) keeps its current value.</summary>
    private static string CpuMax(CgroupDirectory directory, long quota, ulong period)
    {
        var current = (directory.ReadIfExists("cpu.max") ?? "max").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string quotaText = quota switch
        {
            < 0 => "max",
            > 0 => quota.ToString(CultureInfo.InvariantCulture),
            _ => current.Length > 0 ? current[0] : "max",
        };
        string periodText = period != 0 ? period.ToString(CultureInfo.InvariantCulture)
            : current.Length > 1 ? current[1] : DefaultPeriod.ToString(CultureInfo.InvariantCulture);
        return $"{quotaText} {periodText}";
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        // cpu.stat's usage lines are there even without the cpu controller; the throttling lines come with it.
        if (!directory.Has("cpu.stat")) return;
        var values = directory.ReadKeyedValues("cpu.stat");
        stats.Cpu.Usage.Total = values.GetValueOrDefault("usage_usec") * 1000;
        stats.Cpu.Usage.User = values.GetValueOrDefault("user_usec") * 1000;
        stats.Cpu.Usage.Kernel = values.GetValueOrDefault("system_usec") * 1000;
        stats.Cpu.Throttling.Periods = values.GetValueOrDefault("nr_periods");
        stats.Cpu.Throttling.ThrottledPeriods = values.GetValueOrDefault("nr_throttled");
        stats.Cpu.Throttling.ThrottledTime = values.GetValueOrDefault("throttled_usec") * 1000;
    }
}

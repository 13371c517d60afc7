using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;
using static Berth.Runtime.Interop.Libc.Cgroupfs;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>The v1 cpu controller: shares, CFS quota/period/burst, real-time budget, idle; throttling statistics.</summary>
internal sealed class Cpu : IResourceController
{
    private const string Shares = "cpu.shares", Period = "cpu.cfs_period_us", Quota = "cpu.cfs_quota_us";
    private const string Burst = "cpu.cfs_burst_us", RtPeriod = "cpu.rt_period_us", RtRuntime = "cpu.rt_runtime_us", Idle = "cpu.idle";

    public string Name => "cpu";

    public bool IsRequested(LinuxResources resources) => resources.Cpu is { } c
        && (c.Shares is not null || c.Quota is not null || c.Period is not null || c.Burst is not null
            || c.RealtimeRuntime is not null || c.RealtimePeriod is not null || c.Idle is not null);

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        var cpu = resources.Cpu!;
        if (cpu.Burst is not null && !directory.Has(Burst))
            throw new RuntimeException($"a CPU burst was requested but this kernel has no {Burst}");
        if ((cpu.RealtimeRuntime is long and not 0 || cpu.RealtimePeriod is ulong and not 0) && !directory.Has(RtRuntime))
            throw new RuntimeException("real-time CPU limits were requested but this kernel has no real-time group scheduling (cpu.rt_runtime_us)");
        if (cpu.Idle is long idle)
        {
            if (idle is not (0 or 1))
                throw new RuntimeException($"invalid cpu idle value {idle}: use 0 or 1");
            if (!directory.Has(Idle))
                throw new RuntimeException("cpu idle was requested but this kernel has no cpu.idle");
        }
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var cpu = resources.Cpu!;
        // Real-time budget first: a process already in SCHED_RR cannot join a cgroup without one.
        if (cpu.RealtimePeriod is ulong rtPeriod and not 0)
            directory.Write(RtPeriod, rtPeriod);
        if (cpu.RealtimeRuntime is long rtRuntime and not 0)
            directory.Write(RtRuntime, rtRuntime);

        if (cpu.Shares is ulong shares and not 0)
        {
            directory.Write(Shares, shares);
            ulong actual = directory.ReadUInt64(Shares);
            if (actual != shares)
                throw new RuntimeException($"cpu shares {shares} are outside the kernel's range (it set {actual}; "
                    + $"use {ResourceConversions.MinCpuShares}-{ResourceConversions.MaxCpuShares})");
        }

        WriteQuotaAndPeriod(directory, cpu.Quota ?? 0, cpu.Period ?? 0);

        if (cpu.Burst is ulong burst)
            directory.Write(Burst, burst);
        if (cpu.Idle is long idle)
            directory.Write(Idle, idle);
    }

    /// <summary>
    /// Writes period then quota. A smaller period can be refused (EINVAL) while the old quota would exceed the
    /// parent's bandwidth over it; then the quota goes first and the period after.
    /// </summary>
    private static void WriteQuotaAndPeriod(CgroupDirectory directory, long quota, ulong period)
    {
        bool periodPending = false;
        if (period != 0)
        {
            try
            {
                directory.Write(Period, period);
            }
            catch (CgroupFileException e) when (e.Errno == EINVAL && quota != 0)
            {
                periodPending = true;
            }
        }
        if (quota != 0)
        {
            directory.Write(Quota, quota);
            if (periodPending)
                directory.Write(Period, period);
        }
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        if (!directory.Has("cpu.stat")) return;
        var values = directory.ReadKeyedValues("cpu.stat");
        stats.Cpu.Throttling.Periods = values.GetValueOrDefault("nr_periods");
        stats.Cpu.Throttling.ThrottledPeriods = values.GetValueOrDefault("nr_throttled");
        stats.Cpu.Throttling.ThrottledTime = values.GetValueOrDefault("throttled_time");
    }
}

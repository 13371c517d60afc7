using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Lifecycle;

/// <summary>Overlays an `update` onto the resources a container already has: present fields win.</summary>
internal static class ResourceMerge
{
    /// <summary>The merged resources.</summary>
    internal static LinuxResources Merge(LinuxResources? current, LinuxResources changes)
    {
        var result = current ?? new LinuxResources();
        if (changes.Memory is { } m)
        {
            var r = result.Memory ??= new LinuxMemory();
            r.Limit = m.Limit ?? r.Limit; r.Reservation = m.Reservation ?? r.Reservation; r.Swap = m.Swap ?? r.Swap;
            r.Kernel = m.Kernel ?? r.Kernel; r.KernelTcp = m.KernelTcp ?? r.KernelTcp;
            r.Swappiness = m.Swappiness ?? r.Swappiness; r.DisableOomKiller = m.DisableOomKiller ?? r.DisableOomKiller;
        }
        if (changes.Cpu is { } c)
        {
            var r = result.Cpu ??= new LinuxCpu();
            r.Shares = c.Shares ?? r.Shares; r.Quota = c.Quota ?? r.Quota; r.Period = c.Period ?? r.Period;
            r.Burst = c.Burst ?? r.Burst; r.RealtimeRuntime = c.RealtimeRuntime ?? r.RealtimeRuntime;
            r.RealtimePeriod = c.RealtimePeriod ?? r.RealtimePeriod; r.Cpus = c.Cpus ?? r.Cpus; r.Mems = c.Mems ?? r.Mems;
            r.Idle = c.Idle ?? r.Idle;
        }
        if (changes.Pids is { } p) result.Pids = p;
        if (changes.BlockIo is { } b)
        {
            var r = result.BlockIo ??= new LinuxBlockIo();
            r.Weight = b.Weight ?? r.Weight; r.LeafWeight = b.LeafWeight ?? r.LeafWeight;
            r.WeightDevice = b.WeightDevice ?? r.WeightDevice;
            r.ThrottleReadBpsDevice = b.ThrottleReadBpsDevice ?? r.ThrottleReadBpsDevice;
            r.ThrottleWriteBpsDevice = b.ThrottleWriteBpsDevice ?? r.ThrottleWriteBpsDevice;
            r.ThrottleReadIopsDevice = b.ThrottleReadIopsDevice ?? r.ThrottleReadIopsDevice;
            r.ThrottleWriteIopsDevice = b.ThrottleWriteIopsDevice ?? r.ThrottleWriteIopsDevice;
        }
        if (changes.HugepageLimits is { } h) result.HugepageLimits = h;
        if (changes.Network is { } n) result.Network = n;
        if (changes.Devices is { } d) result.Devices = d;
        if (changes.Unified is { } u)
        {
            result.Unified ??= new Dictionary<string, string>();
            foreach (var (k, v) in u) result.Unified[k] = v;
        }
        return result;
    }
}

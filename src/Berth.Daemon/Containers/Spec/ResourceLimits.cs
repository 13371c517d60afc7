using Berth.Daemon.Api.Models;
using Berth.Daemon.Errors;
using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Spec;

/// <summary>A container's cgroup limits: dockerd's create-time checks (verifyPlatformContainerResources, with its
/// messages), its defaults (adaptContainerSettings) and the spec it writes (getMemoryResources, getCPUResources, …).</summary>
internal static class ResourceLimits
{
    private const long MinMemory = 6 * 1024 * 1024;
    private const ulong CfsPeriod = 100_000;

    /// <summary>Throws <see cref="BadRequestError"/> with dockerd's message for the first invalid setting.</summary>
    public static void Validate(HostConfig h, HostResources host)
    {
        if (h.Memory != 0 && h.Memory < MinMemory) Fail("Minimum memory limit allowed is 6MB");
        if (h.Memory > 0 && h.MemorySwap > 0 && h.MemorySwap < h.Memory)
            Fail("Minimum memoryswap limit should be larger than memory limit, see usage");
        if (h.Memory == 0 && h.MemorySwap > 0) Fail("You should always set the Memory limit when using Memoryswap limit, see usage");
        if (h.MemoryReservation != 0 && h.MemoryReservation < MinMemory) Fail("Minimum memory reservation allowed is 6MB");
        if (h.Memory > 0 && h.MemoryReservation > 0 && h.Memory < h.MemoryReservation)
            Fail("Minimum memory limit can not be less than memory reservation limit, see usage");
        if (h.NanoCpus > 0 && h.CpuPeriod > 0) Fail("Conflicting options: Nano CPUs and CPU Period cannot both be set");
        if (h.NanoCpus > 0 && h.CpuQuota > 0) Fail("Conflicting options: Nano CPUs and CPU Quota cannot both be set");
        if (h.NanoCpus < 0 || h.NanoCpus > host.CpuCount * 1_000_000_000L)
            Fail($"Range of CPUs is from 0.01 to {host.CpuCount}.00, as there are only {host.CpuCount} CPUs available");
        if (h.CpuPeriod != 0 && (h.CpuPeriod < 1000 || h.CpuPeriod > 1_000_000))
            Fail("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        if (h.CpuQuota > 0 && h.CpuQuota < 1000) Fail("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        CheckCpuset(h.CpusetCpus, host.Cpus, "cpuset cpus", "CPUs");
        CheckCpuset(h.CpusetMems, host.Mems, "cpuset mems", "memory nodes");
        if (h.BlkioWeight > 0 && (h.BlkioWeight < 10 || h.BlkioWeight > 1000)) Fail("Range of blkio weight is from 10 to 1000");
        if (h.OomScoreAdj < -1000 || h.OomScoreAdj > 1000)
            Fail($"Invalid value {h.OomScoreAdj}, range for oom score adj is [-1000, 1000]");
        if (h.ShmSize < 0) Fail("SHM size can not be less than 0");
    }

    /// <summary>dockerd's warnings for settings this host cannot honour, which it discards rather than refuse.</summary>
    public static List<string> DiscardUnsupported(HostConfig h, HostResources host)
    {
        var warnings = new List<string>();
        if (h.BlkioWeight > 0 && !host.BlkioWeight)
        {
            warnings.Add("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.");
            h.BlkioWeight = 0;
        }
        return warnings;
    }

    /// <summary>The resources section, device rules aside.</summary>
    public static LinuxResources Build(HostConfig h)
    {
        var memory = new LinuxMemory { DisableOomKiller = h.OomKillDisable };
        if (h.Memory > 0) memory.Limit = h.Memory;
        if (h.MemoryReservation > 0) memory.Reservation = h.MemoryReservation;
        // dockerd's default swap limit is twice the memory limit; -1 (unlimited) is written as no limit at all.
        var swap = h.Memory > 0 && h.MemorySwap == 0 ? h.Memory * 2 : h.MemorySwap;
        if (swap > 0) memory.Swap = swap;

        var cpu = new LinuxCpu { Shares = (ulong)ClampShares(h.CpuShares) };
        if (!string.IsNullOrEmpty(h.CpusetCpus)) cpu.Cpus = h.CpusetCpus;
        if (!string.IsNullOrEmpty(h.CpusetMems)) cpu.Mems = h.CpusetMems;
        if (h.NanoCpus > 0)
        {
            cpu.Period = CfsPeriod;
            cpu.Quota = h.NanoCpus * (long)CfsPeriod / 1_000_000_000L;
        }
        if (h.CpuPeriod != 0) cpu.Period = (ulong)h.CpuPeriod;
        if (h.CpuQuota != 0) cpu.Quota = h.CpuQuota;

        return new LinuxResources
        {
            Memory = memory,
            Cpu = cpu,
            // 0 or less unsets the limit, which runc expects as -1.
            Pids = h.PidsLimit is { } pids ? new LinuxPids { Limit = pids > 0 ? pids : -1 } : null,
            BlockIo = new LinuxBlockIo { Weight = (ushort)h.BlkioWeight },
        };
    }

    /// <summary>dockerd's clamp: negative or below 2 becomes 2, above 262144 becomes 262144; 0 stays "unset".</summary>
    private static long ClampShares(long shares) => shares switch
    {
        0 => 0,
        < 2 => 2,
        > 262_144 => 262_144,
        _ => shares,
    };

    private static void CheckCpuset(string? requested, string available, string what, string noun)
    {
        if (string.IsNullOrEmpty(requested)) return;
        var set = CpusetList.Parse(requested) ?? throw new BadRequestError($"Invalid value {requested} for {what}");
        var have = CpusetList.Parse(available) ?? [];
        if (!set.IsSubsetOf(have))
            Fail($"Requested {noun} are not available - requested {requested}, available: {available}");
    }

    private static void Fail(string message) => throw new BadRequestError(message);
}

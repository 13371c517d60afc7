using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>pids.max and pids.current, which cgroup v1 and v2 spell the same way.</summary>
internal static class PidsFiles
{
    /// <summary>Writes pids.max: the limit, or "max" for 0 or less (unlimited).</summary>
    public static void WriteLimit(CgroupDirectory directory, long limit)
    {
        if (limit > 0)
            directory.Write("pids.max", limit);
        else
            directory.Write("pids.max", "max");
    }

    /// <summary>Reads pids.current and pids.max ("max" reads as 0, unlimited, as runc reports it).</summary>
    public static void ReadStats(CgroupDirectory directory, CgroupStats stats)
    {
        stats.Pids.Current = directory.ReadUInt64OrZero("pids.current");
        ulong limit = directory.ReadUInt64OrZero("pids.max");
        stats.Pids.Limit = limit == ulong.MaxValue ? 0 : limit;
    }
}

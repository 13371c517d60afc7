using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;
using static Berth.Runtime.Interop.Libc.Cgroupfs;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>
/// The v2 memory controller: memory.max, memory.low (the reservation), memory.swap.max (the spec's memory+swap
/// converted to swap alone). Kernel memory limits do not exist in v2 and are ignored as runc ignores them.
/// </summary>
internal sealed class Memory : IResourceController
{
    public string Name => "memory";

    public bool IsRequested(LinuxResources resources) => resources.Memory is { } m
        && (m.Limit is not null || m.Reservation is not null || m.Swap is not null
            || m.Swappiness is not null || m.DisableOomKiller == true);

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        var memory = resources.Memory!;
        foreach (var (what, value) in new[] { ("memory limit", memory.Limit), ("memory reservation", memory.Reservation), ("memory+swap limit", memory.Swap) })
        {
            if (value is < -1)
                throw new RuntimeException($"invalid {what} {value}: use a byte count, or -1 for unlimited");
        }
        if (memory.Swappiness is not null)
            throw new RuntimeException("memory swappiness is not supported on cgroup v2");
        if (memory.DisableOomKiller == true)
            throw new RuntimeException("disabling the OOM killer is not supported on cgroup v2");
        long swap = ResourceConversions.SwapToV2(memory.Swap ?? 0, memory.Limit ?? 0);
        if (swap != 0 && !directory.Has("memory.swap.max"))
            throw new RuntimeException("a swap limit was requested but the kernel does not account swap (memory.swap.max is missing)");
        if (memory.CheckBeforeUpdate == true && memory.Limit is long limit and > 0)
        {
            ulong usage = directory.ReadUInt64("memory.current");
            if (usage >= (ulong)limit)
                throw new RuntimeException($"memory limit ({limit}) is not above the current usage ({usage})");
        }
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var memory = resources.Memory!;
        long swap = ResourceConversions.SwapToV2(memory.Swap ?? 0, memory.Limit ?? 0);
        // memory.swap.max = 0 is meaningful (no swap at all): write it when the spec asked for memory+swap == memory.
        if (swap != 0 || (memory.Swap is > 0 && directory.Has("memory.swap.max")))
            directory.Write("memory.swap.max", Format(swap));
        if (memory.Limit is long limit and not 0)
            WriteLimit(directory, limit);
        if (memory.Reservation is long reservation and not 0)
            directory.Write("memory.low", Format(reservation));
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        if (!directory.Has("memory.stat")) return;
        var memory = stats.Memory;
        var raw = directory.ReadKeyedValues("memory.stat");
        memory.Raw = raw.Count > 0 ? new SortedDictionary<string, ulong>(raw, StringComparer.Ordinal) : null;
        memory.Cache = raw.GetValueOrDefault("file");
        memory.Usage = new MemoryEntry
        {
            Usage = directory.ReadUInt64("memory.current"),
            Limit = directory.ReadUInt64("memory.max"),
            Max = directory.ReadUInt64OrZero("memory.peak"),
            Failcnt = Events(directory).GetValueOrDefault("max"),
        };
        // v1 reports memory+swap; v2 counts swap alone, so add memory in as runc does.
        if (directory.Has("memory.swap.current"))
        {
            ulong swapLimit = directory.ReadUInt64("memory.swap.max");
            memory.Swap = new MemoryEntry
            {
                Usage = directory.ReadUInt64("memory.swap.current") + memory.Usage.Usage,
                Limit = swapLimit == ulong.MaxValue || memory.Usage.Limit == ulong.MaxValue ? ulong.MaxValue : swapLimit + memory.Usage.Limit,
                Failcnt = directory.Has("memory.swap.events") ? directory.ReadKeyedValues("memory.swap.events").GetValueOrDefault("max") : 0,
            };
        }
    }

    /// <summary>The "oom_kill N" count of memory.events (0 without the memory controller).</summary>
    public static ulong OomKillCount(CgroupDirectory directory) => EventCount(directory, "oom_kill");

    /// <summary>One counter of memory.events (0 when the file or the key is missing).</summary>
    public static ulong EventCount(CgroupDirectory directory, string name) => Events(directory).GetValueOrDefault(name);

    private static Dictionary<string, ulong> Events(CgroupDirectory directory)
        => directory.Has("memory.events") ? directory.ReadKeyedValues("memory.events") : [];

    private static void WriteLimit(CgroupDirectory directory, long limit)
    {
        try
        {
            directory.Write("memory.max", Format(limit));
        }
        catch (CgroupFileException e) when (e.Errno == EBUSY)
        {
            throw new RuntimeException($"cannot set the memory limit to {limit}: the current usage "
                + $"({directory.ReadUInt64OrZero("memory.current")}) cannot be brought below it", e);
        }
    }

    /// <summary>v2 spells "unlimited" as "max" where v1 took -1.</summary>
    private static string Format(long value) => value == -1 ? "max" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

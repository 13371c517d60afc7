using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;
using static Berth.Runtime.Interop.Libc.Cgroupfs;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>
/// The v1 memory controller: limit, soft limit, memory+swap (memsw), kernel and TCP kernel memory, swappiness,
/// the OOM killer switch; statistics from the usage files and memory.stat.
/// </summary>
internal sealed class Memory : IResourceController
{
    private const string Limit = "memory.limit_in_bytes", Swap = "memory.memsw.limit_in_bytes";
    private const string SoftLimit = "memory.soft_limit_in_bytes", Usage = "memory.usage_in_bytes";
    private const string KernelLimit = "memory.kmem.limit_in_bytes", KernelTcpLimit = "memory.kmem.tcp.limit_in_bytes";

    /// <summary>The largest limit v1 reports: "unlimited" reads back as this page-aligned value.</summary>
    private const ulong Unlimited = 9223372036854771712;

    public string Name => "memory";

    public bool IsRequested(LinuxResources resources) => resources.Memory is { } m
        && (m.Limit is not null || m.Reservation is not null || m.Swap is not null || m.Kernel is not null
            || m.KernelTcp is not null || m.Swappiness is not null || m.DisableOomKiller is not null);

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        var memory = resources.Memory!;
        CheckLimitValue("memory limit", memory.Limit);
        CheckLimitValue("memory reservation", memory.Reservation);
        CheckLimitValue("memory+swap limit", memory.Swap);
        if (memory.Swappiness is > 100)
            throw new RuntimeException($"invalid memory swappiness {memory.Swappiness}: the range is 0-100");

        long swap = memory.Swap ?? 0;
        if (swap != 0 && !directory.Has(Swap))
            throw new RuntimeException("a swap limit was requested but the kernel does not account swap "
                + $"({Swap} is missing; boot with swapaccount=1)");

        if (swap > 0)
        {
            ulong limit = memory.Limit is long l and not 0 ? ToKernel(l) : directory.ReadUInt64(Limit);
            if ((ulong)swap < limit)
                throw new RuntimeException($"memory+swap limit ({swap}) must be at least the memory limit ({Describe(limit)})");
        }
        if (swap == 0 && memory.Limit is long newLimit and > 0 && directory.Has(Swap))
        {
            ulong currentSwap = directory.ReadUInt64(Swap);
            if ((ulong)newLimit > currentSwap)
                throw new RuntimeException($"memory limit ({newLimit}) is above the current memory+swap limit ({currentSwap}); set the swap limit too");
        }
        if (memory.CheckBeforeUpdate == true && memory.Limit is long checkedLimit and > 0)
        {
            ulong usage = directory.ReadUInt64(Usage);
            if (usage >= (ulong)checkedLimit)
                throw new RuntimeException($"memory limit ({checkedLimit}) is not above the current usage ({usage})");
        }
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var memory = resources.Memory!;
        long limit = memory.Limit ?? 0, swap = memory.Swap ?? 0;
        // An unlimited memory with no word on swap means unlimited swap too, as with runc.
        if (limit == -1 && swap == 0 && directory.Has(Swap))
            swap = -1;

        if (limit != 0 && swap != 0)
        {
            // The kernel insists on memory <= memory+swap at every moment: raise memsw first when it grows
            // past the current memory limit, lower the memory limit first otherwise.
            ulong currentLimit = directory.ReadUInt64(Limit);
            if (swap == -1 || (ulong)swap >= currentLimit)
            {
                directory.Write(Swap, swap);
                WriteLimit(directory, limit);
            }
            else
            {
                WriteLimit(directory, limit);
                directory.Write(Swap, swap);
            }
        }
        else if (limit != 0)
        {
            WriteLimit(directory, limit);
        }
        else if (swap != 0)
        {
            directory.Write(Swap, swap);
        }

        if (memory.Reservation is long reservation and not 0)
            directory.Write(SoftLimit, reservation);
        if (memory.Kernel is long kernel and not 0)
            WriteIfSupported(directory, KernelLimit, kernel);
        if (memory.KernelTcp is long kernelTcp and not 0)
            WriteIfSupported(directory, KernelTcpLimit, kernelTcp);
        if (memory.Swappiness is ulong swappiness)
            directory.Write("memory.swappiness", swappiness);
        if (memory.DisableOomKiller is bool disable)
            directory.Write("memory.oom_control", disable ? "1" : "0");
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        var memory = stats.Memory;
        memory.Usage = ReadEntry(directory, "memory");
        memory.Swap = ReadEntry(directory, "memory.memsw");
        memory.Kernel = ReadEntry(directory, "memory.kmem");
        memory.KernelTcp = ReadEntry(directory, "memory.kmem.tcp");
        var raw = directory.ReadKeyedValues("memory.stat");
        memory.Cache = raw.GetValueOrDefault("cache");
        memory.Raw = raw.Count > 0 ? new SortedDictionary<string, ulong>(raw, StringComparer.Ordinal) : null;
    }

    /// <summary>The "oom_kill N" count of memory.oom_control (kernels before 4.13 lack it: 0).</summary>
    public static ulong OomKillCount(CgroupDirectory directory)
        => directory.Has("memory.oom_control") ? directory.ReadKeyedValues("memory.oom_control").GetValueOrDefault("oom_kill") : 0;

    private static MemoryEntry ReadEntry(CgroupDirectory directory, string prefix)
    {
        if (!directory.Has(prefix + ".usage_in_bytes"))
            return new MemoryEntry();
        return new MemoryEntry
        {
            Usage = directory.ReadUInt64(prefix + ".usage_in_bytes"),
            Max = directory.ReadUInt64OrZero(prefix + ".max_usage_in_bytes"),
            Failcnt = directory.ReadUInt64OrZero(prefix + ".failcnt"),
            Limit = directory.ReadUInt64OrZero(prefix + ".limit_in_bytes"),
        };
    }

    private static void WriteLimit(CgroupDirectory directory, long limit)
    {
        try
        {
            directory.Write(Limit, limit);
        }
        catch (CgroupFileException e) when (e.Errno == EBUSY)
        {
            // The kernel could not reclaim enough to get under the new limit.
            throw new RuntimeException($"cannot set the memory limit to {limit}: the current usage "
                + $"({directory.ReadUInt64OrZero(Usage)}) cannot be brought below it", e);
        }
    }

    /// <summary>Kernel memory limits are gone from current kernels; runc ignores their refusal, and so does Berth.</summary>
    private static void WriteIfSupported(CgroupDirectory directory, string file, long value)
    {
        if (!directory.Has(file)) return;
        try
        {
            directory.Write(file, value);
        }
        catch (CgroupFileException e) when (e.Errno is EINVAL or ENOTSUP)
        {
        }
    }

    private static void CheckLimitValue(string what, long? value)
    {
        if (value is < -1)
            throw new RuntimeException($"invalid {what} {value}: use a byte count, or -1 for unlimited");
    }

    private static ulong ToKernel(long value) => value == -1 ? Unlimited : (ulong)value;

    private static string Describe(ulong limit) => limit >= Unlimited ? "unlimited" : limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

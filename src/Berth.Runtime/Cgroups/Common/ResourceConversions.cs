namespace Berth.Runtime.Cgroups.Common;

/// <summary>The value conversions between cgroup v1 units (which the OCI spec uses) and cgroup v2 files, as runc defines them.</summary>
internal static class ResourceConversions
{
    /// <summary>The cpu.shares range the kernel accepts in v1.</summary>
    public const ulong MinCpuShares = 2, MaxCpuShares = 262144;

    /// <summary>The blkio weight range of cgroup v1.</summary>
    public const ushort MinBlkioWeight = 10, MaxBlkioWeight = 1000;

    /// <summary>Maps v1 cpu.shares [2, 262144] onto v2 cpu.weight [1, 10000]; 0 means unset.</summary>
    public static ulong CpuSharesToWeight(ulong shares)
        => shares == 0 ? 0 : 1 + (shares - 2) * 9999 / 262142;

    /// <summary>Maps a v1 blkio weight [10, 1000] onto v2 io.weight [1, 10000]; 0 means unset.</summary>
    public static ulong BlkioWeightToIoWeight(ushort weight)
        => weight == 0 ? 0 : 1 + (ulong)(weight - 10) * 9999 / 990;

    /// <summary>
    /// Turns the spec's memory+swap limit into v2's swap-only memory.swap.max: -1 stays unlimited, 0 stays unset,
    /// an unlimited memory with no swap given means unlimited swap too; otherwise swap minus memory.
    /// </summary>
    public static long SwapToV2(long memorySwap, long memory)
    {
        if (memory == -1 && memorySwap == 0)
            return -1;
        if (memorySwap is -1 or 0)
            return memorySwap;
        if (memory is 0 or -1)
            throw new RuntimeException("cannot set a swap limit without a memory limit on cgroup v2");
        if (memory < 0)
            throw new RuntimeException($"invalid memory limit {memory}");
        if (memorySwap < memory)
            throw new RuntimeException($"memory+swap limit ({memorySwap}) must be at least the memory limit ({memory})");
        return memorySwap - memory;
    }
}

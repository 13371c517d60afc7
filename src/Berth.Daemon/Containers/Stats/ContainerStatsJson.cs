using System.Text.Json.Serialization;

namespace Berth.Daemon.Containers.Stats;

/// <summary>One sample of GET /containers/{id}/stats in dockerd 20.10's field names and order (types.StatsJSON).</summary>
public sealed class ContainerStatsJson
{
    [JsonPropertyName("read")] public DateTimeOffset Read { get; set; }
    [JsonPropertyName("preread")] public DateTimeOffset PreRead { get; set; }
    [JsonPropertyName("pids_stats")] public PidsStatsJson PidsStats { get; set; } = new();
    [JsonPropertyName("blkio_stats")] public BlkioStatsJson BlkioStats { get; set; } = new();
    [JsonPropertyName("num_procs")] public uint NumProcs { get; set; }
    [JsonPropertyName("storage_stats")] public StorageStatsJson StorageStats { get; set; } = new();
    [JsonPropertyName("cpu_stats")] public CpuStatsJson CpuStats { get; set; } = new();
    [JsonPropertyName("precpu_stats")] public CpuStatsJson PreCpuStats { get; set; } = new();
    [JsonPropertyName("memory_stats")] public MemoryStatsJson MemoryStats { get; set; } = new();
    [JsonPropertyName("name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; set; }
    [JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Id { get; set; }
    /// <summary>Per interface inside the container (eth0, …); absent without a network of its own.</summary>
    [JsonPropertyName("networks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, NetworkStatsJson>? Networks { get; set; }
}

/// <summary>Tasks in the cgroup and the pids limit (0, and so absent, when unlimited).</summary>
public sealed class PidsStatsJson
{
    [JsonPropertyName("current"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Current { get; set; }
    [JsonPropertyName("limit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Limit { get; set; }
}

/// <summary>Block I/O tables; Go writes a table it never filled as null.</summary>
public sealed class BlkioStatsJson
{
    [JsonPropertyName("io_service_bytes_recursive")] public List<BlkioEntryJson>? IoServiceBytesRecursive { get; set; }
    [JsonPropertyName("io_serviced_recursive")] public List<BlkioEntryJson>? IoServicedRecursive { get; set; }
    [JsonPropertyName("io_queue_recursive")] public List<BlkioEntryJson>? IoQueueRecursive { get; set; }
    [JsonPropertyName("io_service_time_recursive")] public List<BlkioEntryJson>? IoServiceTimeRecursive { get; set; }
    [JsonPropertyName("io_wait_time_recursive")] public List<BlkioEntryJson>? IoWaitTimeRecursive { get; set; }
    [JsonPropertyName("io_merged_recursive")] public List<BlkioEntryJson>? IoMergedRecursive { get; set; }
    [JsonPropertyName("io_time_recursive")] public List<BlkioEntryJson>? IoTimeRecursive { get; set; }
    [JsonPropertyName("sectors_recursive")] public List<BlkioEntryJson>? SectorsRecursive { get; set; }
}

/// <summary>One counter of one device.</summary>
public sealed class BlkioEntryJson
{
    [JsonPropertyName("major")] public ulong Major { get; set; }
    [JsonPropertyName("minor")] public ulong Minor { get; set; }
    [JsonPropertyName("op")] public string Op { get; set; } = "";
    [JsonPropertyName("value")] public ulong Value { get; set; }
}

/// <summary>Windows-only storage counters; always {} on Linux.</summary>
public sealed class StorageStatsJson;

/// <summary>CPU time of the container and of the whole host at the same moment (for percentages).</summary>
public sealed class CpuStatsJson
{
    [JsonPropertyName("cpu_usage")] public CpuUsageJson CpuUsage { get; set; } = new();
    [JsonPropertyName("system_cpu_usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong SystemCpuUsage { get; set; }
    [JsonPropertyName("online_cpus"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public uint OnlineCpus { get; set; }
    [JsonPropertyName("throttling_data")] public ThrottlingJson ThrottlingData { get; set; } = new();
}

/// <summary>Container CPU time in nanoseconds; per-CPU figures exist on cgroup v1 only.</summary>
public sealed class CpuUsageJson
{
    [JsonPropertyName("total_usage")] public ulong TotalUsage { get; set; }
    [JsonPropertyName("percpu_usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<ulong>? PercpuUsage { get; set; }
    [JsonPropertyName("usage_in_kernelmode")] public ulong UsageInKernelmode { get; set; }
    [JsonPropertyName("usage_in_usermode")] public ulong UsageInUsermode { get; set; }
}

/// <summary>CFS periods and throttling (nanoseconds).</summary>
public sealed class ThrottlingJson
{
    [JsonPropertyName("periods")] public ulong Periods { get; set; }
    [JsonPropertyName("throttled_periods")] public ulong ThrottledPeriods { get; set; }
    [JsonPropertyName("throttled_time")] public ulong ThrottledTime { get; set; }
}

/// <summary>Memory use, the limit (the host's memory when unlimited) and the memory.stat figures dockerd picks.</summary>
public sealed class MemoryStatsJson
{
    [JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Usage { get; set; }
    [JsonPropertyName("max_usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong MaxUsage { get; set; }
    [JsonPropertyName("stats"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SortedDictionary<string, ulong>? Stats { get; set; }
    [JsonPropertyName("failcnt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Failcnt { get; set; }
    [JsonPropertyName("limit"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public ulong Limit { get; set; }
}

/// <summary>Counters of one interface.</summary>
public sealed class NetworkStatsJson
{
    [JsonPropertyName("rx_bytes")] public ulong RxBytes { get; set; }
    [JsonPropertyName("rx_packets")] public ulong RxPackets { get; set; }
    [JsonPropertyName("rx_errors")] public ulong RxErrors { get; set; }
    [JsonPropertyName("rx_dropped")] public ulong RxDropped { get; set; }
    [JsonPropertyName("tx_bytes")] public ulong TxBytes { get; set; }
    [JsonPropertyName("tx_packets")] public ulong TxPackets { get; set; }
    [JsonPropertyName("tx_errors")] public ulong TxErrors { get; set; }
    [JsonPropertyName("tx_dropped")] public ulong TxDropped { get; set; }
}

/// <summary>Source-generated JSON metadata for stats samples.</summary>
[JsonSourceGenerationOptions(Converters = [typeof(GoTimeConverter)])]
[JsonSerializable(typeof(ContainerStatsJson))]
[JsonSerializable(typeof(ContainerTopJson))]
public sealed partial class StatsJsonContext : JsonSerializerContext;

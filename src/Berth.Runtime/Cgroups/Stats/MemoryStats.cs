using System.Text.Json.Serialization;

namespace Berth.Runtime.Cgroups.Stats;

/// <summary>Memory, memory+swap and kernel memory counters, plus memory.stat as it is.</summary>
internal sealed class MemoryStats
{
    [JsonPropertyName("cache"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Cache { get; set; }

    [JsonPropertyName("usage")] public MemoryEntry Usage { get; set; } = new();

    /// <summary>Memory plus swap, as v1's memsw reports it (v2 figures are converted to match).</summary>
    [JsonPropertyName("swap")] public MemoryEntry Swap { get; set; } = new();

    [JsonPropertyName("kernel")] public MemoryEntry Kernel { get; set; } = new();
    [JsonPropertyName("kernelTCP")] public MemoryEntry KernelTcp { get; set; } = new();

    /// <summary>memory.stat as it is, keys sorted as Go sorts a map's keys.</summary>
    [JsonPropertyName("raw"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, ulong>? Raw { get; set; }
}

/// <summary>One memory counter: limit, usage, peak usage and how often the limit was hit (bytes).</summary>
internal sealed class MemoryEntry
{
    [JsonPropertyName("limit")] public ulong Limit { get; set; }

    [JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Usage { get; set; }

    [JsonPropertyName("max"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong Max { get; set; }

    [JsonPropertyName("failcnt")] public ulong Failcnt { get; set; }
}

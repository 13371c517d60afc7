using System.Text.Json.Serialization;

namespace Berth.Runtime.Cgroups.Stats;

/// <summary>A cgroup's usage counters, shaped exactly like the data object of runc's `events --stats`.</summary>
internal sealed class CgroupStats
{
    [JsonPropertyName("cpu")] public CpuStats Cpu { get; set; } = new();
    [JsonPropertyName("cpuset")] public CpusetStats Cpuset { get; set; } = new();
    [JsonPropertyName("memory")] public MemoryStats Memory { get; set; } = new();
    [JsonPropertyName("pids")] public PidsStats Pids { get; set; } = new();
    [JsonPropertyName("blkio")] public BlkioStats Blkio { get; set; } = new();
    /// <summary>Per page size ("2MB"), keys sorted as Go sorts a map's keys.</summary>
    [JsonPropertyName("hugetlb")] public SortedDictionary<string, HugetlbStats> Hugetlb { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Intel RDT figures; Berth does not manage resctrl, so this stays empty as runc's does without RDT.</summary>
    [JsonPropertyName("intel_rdt")] public IntelRdtStats IntelRdt { get; set; } = new();

    /// <summary>Interface counters are not cgroup data: runc fills them from the container's netns, so null here.</summary>
    [JsonPropertyName("network_interfaces")] public List<NetworkInterfaceStats>? NetworkInterfaces { get; set; }

    /// <summary>The list itself, or null when empty (runc's omitempty drops empty lists).</summary>
    internal static List<T>? NullIfEmpty<T>(List<T> list) => list.Count == 0 ? null : list;
}

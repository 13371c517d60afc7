using System.Text.Json.Serialization;

namespace Berth.Runtime.Cgroups.Stats;

/// <summary>Counters of one network interface, in runc's field names (filled by whoever reads the container's netns).</summary>
internal sealed class NetworkInterfaceStats
{
    [JsonPropertyName("Name")] public string Name { get; set; } = "";
    [JsonPropertyName("RxBytes")] public ulong RxBytes { get; set; }
    [JsonPropertyName("RxPackets")] public ulong RxPackets { get; set; }
    [JsonPropertyName("RxErrors")] public ulong RxErrors { get; set; }
    [JsonPropertyName("RxDropped")] public ulong RxDropped { get; set; }
    [JsonPropertyName("TxBytes")] public ulong TxBytes { get; set; }
    [JsonPropertyName("TxPackets")] public ulong TxPackets { get; set; }
    [JsonPropertyName("TxErrors")] public ulong TxErrors { get; set; }
    [JsonPropertyName("TxDropped")] public ulong TxDropped { get; set; }
}

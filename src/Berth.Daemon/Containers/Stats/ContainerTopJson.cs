using System.Text.Json.Serialization;

namespace Berth.Daemon.Containers.Stats;

/// <summary>GET /containers/{id}/top's answer: ps's column titles and the rows of the container's processes.</summary>
public sealed class ContainerTopJson
{
    [JsonPropertyName("Processes")] public List<List<string>> Processes { get; set; } = [];
    [JsonPropertyName("Titles")] public List<string> Titles { get; set; } = [];
}

using System.Text.Json.Serialization;

namespace Berth.Daemon.Events;

/// <summary>One event as GET /events streams it (dockerd's events.Message): the deprecated status/id/from fields are
/// filled for container and image events only, as dockerd fills them.</summary>
public sealed class EventMessage
{
    [JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Status { get; init; }
    [JsonPropertyName("id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Id { get; init; }
    [JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? From { get; init; }
    [JsonPropertyName("Type")] public string Type { get; init; } = "";
    [JsonPropertyName("Action")] public string Action { get; init; } = "";
    [JsonPropertyName("Actor")] public EventActor Actor { get; init; } = new();
    [JsonPropertyName("scope")] public string Scope { get; init; } = "local";
    [JsonPropertyName("time"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long Time { get; init; }
    [JsonPropertyName("timeNano"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long TimeNano { get; init; }
}

/// <summary>What an event is about: its ID and attributes (name, labels, image, exitCode, …).</summary>
public sealed class EventActor
{
    [JsonPropertyName("ID")] public string Id { get; init; } = "";
    [JsonPropertyName("Attributes")] public SortedDictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>The event types dockerd emits (events.Type).</summary>
public static class EventTypes
{
    public const string Container = "container", Image = "image", Volume = "volume", Network = "network", Daemon = "daemon";
}

/// <summary>Source-generated JSON metadata for events (Go's encoder writes attributes sorted by key).</summary>
[JsonSerializable(typeof(EventMessage))]
internal sealed partial class EventJsonContext : JsonSerializerContext;

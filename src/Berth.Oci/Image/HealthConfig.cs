using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>An image's HEALTHCHECK, as Docker stores it in the config; durations are in nanoseconds (Go's
/// time.Duration), zero or absent meaning "inherit the default". Absent fields are not written, as Go's omitempty.</summary>
public sealed record HealthConfig
{
    /// <summary>["NONE"], ["CMD", args…], ["CMD-SHELL", command], or empty to inherit.</summary>
    [JsonPropertyName("Test"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public List<string>? Test { get; init; }
    [JsonPropertyName("Interval"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Interval { get; init; }
    [JsonPropertyName("Timeout"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Timeout { get; init; }
    [JsonPropertyName("StartPeriod"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? StartPeriod { get; init; }
    [JsonPropertyName("StartInterval"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? StartInterval { get; init; }
    [JsonPropertyName("Retries"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Retries { get; init; }
}

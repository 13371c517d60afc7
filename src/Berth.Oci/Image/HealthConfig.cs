using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>An image's HEALTHCHECK, as Docker stores it in the config; durations are in nanoseconds (Go's
/// time.Duration), zero or absent meaning "inherit the default".</summary>
public sealed record HealthConfig
{
    /// <summary>["NONE"], ["CMD", args…], ["CMD-SHELL", command], or empty to inherit.</summary>
    [JsonPropertyName("Test")] public List<string>? Test { get; init; }
    [JsonPropertyName("Interval")] public long? Interval { get; init; }
    [JsonPropertyName("Timeout")] public long? Timeout { get; init; }
    [JsonPropertyName("StartPeriod")] public long? StartPeriod { get; init; }
    [JsonPropertyName("StartInterval")] public long? StartInterval { get; init; }
    [JsonPropertyName("Retries")] public int? Retries { get; init; }
}

using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>One step of how an image was built; entries with <see cref="EmptyLayer"/> made no layer, the others pair
/// in order with rootfs.diff_ids.</summary>
public sealed record HistoryEntry
{
    /// <summary>RFC 3339 as written (kept as text: Docker's nanoseconds do not fit a DateTimeOffset).</summary>
    [JsonPropertyName("created")] public string? Created { get; init; }
    [JsonPropertyName("created_by")] public string? CreatedBy { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("empty_layer")] public bool? EmptyLayer { get; init; }

    /// <summary>The creation time, or null when absent or unparsable.</summary>
    [JsonIgnore] public DateTimeOffset? CreatedTime => Rfc3339.TryParse(Created, out var t) ? t : null;
}

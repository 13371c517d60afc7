using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>An image configuration blob as OCI and Docker write it, Docker's legacy top-level fields included.
/// For reading: an image ID is the digest of the blob's exact bytes (<see cref="IdOf"/>), and serialising this type
/// again would change those bytes (field order, spacing, escaping, fields this type does not know), so never compute
/// an ID from a re-serialised config.</summary>
public sealed record ImageConfig
{
    /// <summary>RFC 3339 as written (kept as text: Docker's nanoseconds do not fit a DateTimeOffset).</summary>
    [JsonPropertyName("created")] public string? Created { get; init; }
    [JsonPropertyName("author")] public string? Author { get; init; }
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";
    [JsonPropertyName("os")] public string Os { get; init; } = "";
    [JsonPropertyName("os.version")] public string? OsVersion { get; init; }
    [JsonPropertyName("os.features")] public List<string>? OsFeatures { get; init; }
    [JsonPropertyName("variant")] public string? Variant { get; init; }
    [JsonPropertyName("config")] public ContainerConfig? Config { get; init; }
    [JsonPropertyName("rootfs")] public RootFs RootFs { get; init; } = new();
    [JsonPropertyName("history")] public List<HistoryEntry>? History { get; init; }

    /// <summary>Docker only: the ID of the build container that made the last layer.</summary>
    [JsonPropertyName("container")] public string? Container { get; init; }
    /// <summary>Docker only: that build container's config.</summary>
    [JsonPropertyName("container_config")] public ContainerConfig? ContainerConfig { get; init; }
    [JsonPropertyName("docker_version")] public string? DockerVersion { get; init; }
    /// <summary>Docker only, legacy: an ID from before content addressing.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
    /// <summary>Docker only: the parent image's ID (classic builder).</summary>
    [JsonPropertyName("parent")] public string? Parent { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }

    /// <summary>The creation time, or null when absent or unparsable.</summary>
    [JsonIgnore] public DateTimeOffset? CreatedTime => Rfc3339.TryParse(Created, out var t) ? t : null;

    /// <summary>The platform the config declares.</summary>
    [JsonIgnore] public Platform Platform => new() { Os = Os, Architecture = Architecture, Variant = Variant, OsVersion = OsVersion, OsFeatures = OsFeatures };

    /// <summary>The image ID: the digest of the config blob exactly as stored or received.</summary>
    public static Digest IdOf(ReadOnlySpan<byte> configBlob) => Digest.Of(configBlob);

    /// <summary>Reads a config blob; throws JsonException for malformed JSON or a null document.</summary>
    public static ImageConfig Parse(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize(utf8Json, ImageJsonContext.Default.ImageConfig) ?? throw new JsonException("image config is null");
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>A multi-platform image: one manifest per platform (OCI image index, or Docker manifest list, which has the
/// same shape); also the shape of an OCI layout's index.json.</summary>
public sealed record ImageIndex
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = 2;
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }
    [JsonPropertyName("manifests")] public List<Descriptor> Manifests { get; init; } = [];
    [JsonPropertyName("subject")] public Descriptor? Subject { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }

    /// <summary>Reads an index blob; throws JsonException for malformed JSON, a null document, or a schema version
    /// other than 2.</summary>
    public static ImageIndex Parse(ReadOnlySpan<byte> utf8Json)
    {
        var index = JsonSerializer.Deserialize(utf8Json, ImageJsonContext.Default.ImageIndex)
            ?? throw new JsonException("image index is null");
        if (index.SchemaVersion != 2) throw new JsonException($"unsupported image index schemaVersion {index.SchemaVersion}");
        if (index.MediaType is { } type && !MediaTypes.IsIndex(type))
            throw new JsonException($"not an image index: mediaType {type}");
        return index;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>A single-platform image manifest: its config and layers (OCI image manifest, or Docker v2 schema 2,
/// which has the same shape).</summary>
public sealed record Manifest
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; } = 2;
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }
    [JsonPropertyName("config")] public required Descriptor Config { get; init; }
    [JsonPropertyName("layers")] public List<Descriptor> Layers { get; init; } = [];
    [JsonPropertyName("subject")] public Descriptor? Subject { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }

    /// <summary>Reads a manifest blob; throws JsonException for malformed JSON, a null document, or a schema
    /// version other than 2 (schema 1 manifests are long gone from registries and Docker refuses them too).</summary>
    public static Manifest Parse(ReadOnlySpan<byte> utf8Json)
    {
        var manifest = JsonSerializer.Deserialize(utf8Json, ImageJsonContext.Default.Manifest)
            ?? throw new JsonException("manifest is null");
        if (manifest.SchemaVersion != 2) throw new JsonException($"unsupported manifest schemaVersion {manifest.SchemaVersion}");
        if (manifest.MediaType is { } type && !MediaTypes.IsManifest(type))
            throw new JsonException($"not an image manifest: mediaType {type}");
        return manifest;
    }
}

using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>One image in the manifest.json of a `docker save` tarball. Paths are relative to the tarball's root:
/// "&lt;hex&gt;.json" and "&lt;hex&gt;/layer.tar" before Docker 25, "blobs/sha256/&lt;hex&gt;" since.</summary>
public sealed record DockerArchiveManifestEntry
{
    [JsonPropertyName("Config")] public string Config { get; init; } = "";
    /// <summary>Familiar names ("alpine:3.20"); null or empty for an image saved by ID.</summary>
    [JsonPropertyName("RepoTags")] public List<string>? RepoTags { get; init; }
    [JsonPropertyName("Layers")] public List<string> Layers { get; init; } = [];
    /// <summary>Descriptors of foreign layers that were not saved, keyed by diff ID.</summary>
    [JsonPropertyName("LayerSources")] public Dictionary<string, Descriptor>? LayerSources { get; init; }
}

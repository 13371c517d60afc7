using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>A reference to content by digest and size, with its media type (OCI image spec "descriptor").</summary>
public sealed record Descriptor
{
    [JsonPropertyName("mediaType")] public string MediaType { get; init; } = "";
    [JsonPropertyName("digest")] public required Digest Digest { get; init; }
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("urls")] public List<string>? Urls { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
    /// <summary>The content itself, embedded (OCI 1.1); it must still match the digest and size.</summary>
    [JsonPropertyName("data")] public byte[]? Data { get; init; }
    [JsonPropertyName("platform")] public Platform? Platform { get; init; }
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }
}

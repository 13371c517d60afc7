using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>An image configuration's "rootfs": the uncompressed layer digests (diff IDs), bottom layer first.</summary>
public sealed record RootFs
{
    /// <summary>Always "layers".</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "layers";
    [JsonPropertyName("diff_ids")] public List<Digest> DiffIds { get; init; } = [];
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Image;

/// <summary>Source-generated JSON for the image-spec types (AOT-safe). Reading is strict about syntax (no comments,
/// no trailing commas: registries and Docker never write them) and lenient about content (unknown fields ignored,
/// as specs add fields); writing omits nulls, and names are exactly the specs' spellings.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    Converters = [typeof(DigestJsonConverter)])]
[JsonSerializable(typeof(Descriptor))]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(OciLayoutFile))]
[JsonSerializable(typeof(List<DockerArchiveManifestEntry>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
public sealed partial class ImageJsonContext : JsonSerializerContext;

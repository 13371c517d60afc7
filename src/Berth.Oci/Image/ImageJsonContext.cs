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

/// <summary>The context to write image JSON with.</summary>
public sealed partial class ImageJsonContext
{
    /// <summary>Like <see cref="Default"/>, but leaving '+' and other HTML-sensitive characters unescaped, so media types
    /// read "application/vnd.oci.image.manifest.v1+json" as registries and other tools write them, not "…v1\u002Bjson".
    /// The JSON is never embedded in HTML, which is the only thing the default escaping guards against.</summary>
    public static ImageJsonContext ForWriting => Writing.Context;

    // A nested class, because a static field of the context itself would be initialised before the generated Default
    // it copies its options from.
    private static class Writing
    {
        public static readonly ImageJsonContext Context = new(new JsonSerializerOptions(Default.Options)
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }
}

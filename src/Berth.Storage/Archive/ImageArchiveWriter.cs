using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Oci.Image;
using Berth.Oci.Reference;

namespace Berth.Storage.Archive;

/// <summary>Writes images as `docker save` does since Docker 25: an OCI image layout (oci-layout, index.json, and
/// blobs/sha256/ holding configs, uncompressed layer tars and an OCI manifest per image) with Docker's manifest.json
/// and repositories beside it. Loaders that read manifest.json (dockerd before 25) and those that read index.json both
/// take it; each layer is written once however many images share it.</summary>
public static class ImageArchiveWriter
{
    private const string OciLayoutContent = """{"imageLayoutVersion": "1.0.0"}""";
    private const string ImageNameAnnotation = "io.containerd.image.name";
    private const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A file under blobs/sha256/: bytes, or a layer rebuilt as it is written.</summary>
    private sealed record Blob(byte[]? Bytes, ExportedLayer? Layer, DateTimeOffset Modified)
    {
        internal long Size => Bytes?.LongLength ?? Layer!.Tar.TarLength;
    }

    /// <summary>Writes the archive of the export's images to output, in the order Docker's tar of the layout has.</summary>
    public static void Write(ImageExport export, Stream output)
    {
        var blobs = new SortedDictionary<string, Blob>(StringComparer.Ordinal);
        var index = new List<Descriptor>();
        var repositories = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var image in export.Images)
        {
            blobs.TryAdd(image.Id.Hex, new Blob(image.Config, null, image.Created));
            foreach (var layer in image.Layers) blobs.TryAdd(layer.DiffId.Hex, new Blob(null, layer, image.Created));
            var manifest = ManifestOf(image);
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, ImageJsonContext.ForWriting.Manifest);
            var manifestDigest = Digest.Of(manifestBytes);
            blobs.TryAdd(manifestDigest.Hex, new Blob(manifestBytes, null, DateTimeOffset.UnixEpoch));
            var descriptor = new Descriptor { MediaType = MediaTypes.OciManifest, Digest = manifestDigest, Size = manifestBytes.Length };
            if (image.Tags.Count == 0) index.Add(descriptor);
            foreach (var tag in image.Tags)
            {
                index.Add(descriptor with { Annotations = new() { [ImageNameAnnotation] = tag.ToString(), [RefNameAnnotation] = tag.Tag! } });
                if (!repositories.TryGetValue(tag.FamiliarName, out var tags))
                    repositories[tag.FamiliarName] = tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
                tags[tag.Tag!] = image.Layers[^1].DiffId.Hex;
            }
        }

        var tar = new ArchiveTarWriter(output);
        tar.Directory("blobs/", DateTimeOffset.UnixEpoch);
        tar.Directory("blobs/sha256/", DateTimeOffset.UnixEpoch);
        foreach (var (hex, blob) in blobs)
        {
            var name = $"blobs/sha256/{hex}";
            if (blob.Bytes is { } bytes) tar.File(name, bytes, blob.Modified);
            else tar.File(name, blob.Size, blob.Modified, blob.Layer!.Tar.WriteTar);
        }
        var indexJson = new ImageIndex { MediaType = MediaTypes.OciIndex, Manifests = index };
        tar.File(OciImageLayout.IndexFileName, JsonSerializer.SerializeToUtf8Bytes(indexJson, ImageJsonContext.ForWriting.ImageIndex), DateTimeOffset.UnixEpoch);
        tar.File(DockerArchive.ManifestFileName, DockerManifest(export), DateTimeOffset.UnixEpoch);
        tar.File(OciImageLayout.LayoutFileName, System.Text.Encoding.UTF8.GetBytes(OciLayoutContent), DateTimeOffset.UnixEpoch);
        if (repositories.Count > 0) tar.File(DockerArchive.RepositoriesFileName, Repositories(repositories), DateTimeOffset.UnixEpoch);
        tar.Finish();
    }

    private static Manifest ManifestOf(ExportedImage image) => new()
    {
        MediaType = MediaTypes.OciManifest,
        Config = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = image.Id, Size = image.Config.Length },
        Layers = image.Layers.Select(l => new Descriptor { MediaType = MediaTypes.OciLayerTar, Digest = l.DiffId, Size = l.Tar.TarLength }).ToList(),
    };

    private static string BlobPath(Digest digest) => $"{OciImageLayout.BlobsDirectoryName}/sha256/{digest.Hex}";

    // Docker's manifest.json as Go encodes it: fields in struct order, RepoTags null without tags, LayerSources keyed
    // by DiffID in sorted order with distribution's descriptor field order, and a final newline.
    private static byte[] DockerManifest(ImageExport export)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            foreach (var image in export.Images)
            {
                json.WriteStartObject();
                json.WriteString("Config", BlobPath(image.Id));
                json.WritePropertyName("RepoTags");
                if (image.Tags.Count == 0) json.WriteNullValue();
                else
                {
                    json.WriteStartArray();
                    foreach (var tag in image.Tags) json.WriteStringValue(tag.FamiliarString);
                    json.WriteEndArray();
                }
                json.WriteStartArray("Layers");
                foreach (var layer in image.Layers) json.WriteStringValue(BlobPath(layer.DiffId));
                json.WriteEndArray();
                json.WriteStartObject("LayerSources");
                foreach (var layer in image.Layers.DistinctBy(l => l.DiffId).OrderBy(l => l.DiffId.Hex, StringComparer.Ordinal))
                {
                    json.WriteStartObject(layer.DiffId.ToString());
                    json.WriteString("mediaType", MediaTypes.OciLayerTar);
                    json.WriteNumber("size", layer.Tar.TarLength);
                    json.WriteString("digest", layer.DiffId.ToString());
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static byte[] Repositories(SortedDictionary<string, SortedDictionary<string, string>> repositories)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            foreach (var (repository, tags) in repositories)
            {
                json.WriteStartObject(repository);
                foreach (var (tag, layer) in tags) json.WriteString(tag, layer);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}

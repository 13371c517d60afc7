using System.Text.Json;
using Berth.Oci.Image;
using Berth.Oci.Reference;

namespace Berth.Storage.Archive;

/// <summary>Finds the images in a staged archive: a `docker save` tarball (manifest.json) or an OCI image layout
/// (oci-layout + index.json). Every name, digest and size is checked before anything is stored.</summary>
public static class ImageArchiveReader
{
    /// <summary>The images of the archive, in the order the archive lists them.</summary>
    public static List<ArchiveImage> Read(StagedArchive archive)
    {
        try
        {
            if (archive.Exists(DockerArchive.ManifestFileName)) return ReadDockerSave(archive);
            if (archive.Exists(OciImageLayout.LayoutFileName)) return ReadOciLayout(archive);
        }
        catch (JsonException e)
        {
            throw new StorageException(400, $"the archive's metadata is not valid: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        catch (FormatException e)
        {
            throw new StorageException(400, $"the archive's metadata is not valid: {e.Message}", e);
        }
        throw new StorageException(400, "the archive holds neither manifest.json (docker save) nor oci-layout (OCI image layout)");
    }

    private static List<ArchiveImage> ReadDockerSave(StagedArchive archive)
    {
        var images = new List<ArchiveImage>();
        foreach (var entry in DockerArchive.ParseManifest(archive.ReadAllBytes(DockerArchive.ManifestFileName)))
        {
            // JSON null is legal syntax for any field; the checks below turn it into a clear 400.
            if (entry is null || string.IsNullOrEmpty(entry.Config) || entry.Layers is null || entry.Layers.Any(string.IsNullOrEmpty))
                throw Invalid($"{DockerArchive.ManifestFileName} has an entry without Config or Layers");
            var configBytes = archive.ReadAllBytes(entry.Config);
            var config = ImageConfig.Parse(configBytes);
            var diffIds = DiffIds(config, entry.Config);
            if (diffIds.Count != entry.Layers.Count)
                throw new StorageException(400, $"image config {entry.Config} lists {diffIds.Count} layers but manifest.json gives {entry.Layers.Count}");
            // A docker save layer is the uncompressed tar itself, so its digest is the diffID checked on apply.
            var layers = entry.Layers.Select((path, i) => new ArchiveLayer(path, diffIds[i], null, null)).ToList();
            images.Add(new ArchiveImage(configBytes, config, layers, Names(entry.RepoTags ?? [])));
        }
        return images;
    }

    private static List<ArchiveImage> ReadOciLayout(StagedArchive archive)
    {
        var layoutFile = JsonSerializer.Deserialize(archive.ReadAllBytes(OciImageLayout.LayoutFileName), ImageJsonContext.Default.OciLayoutFile)
            ?? throw new StorageException(400, "oci-layout is empty");
        if (!layoutFile.ImageLayoutVersion.StartsWith("1.", StringComparison.Ordinal))
            throw new StorageException(400, $"unsupported OCI image layout version {layoutFile.ImageLayoutVersion}");
        var index = ImageIndex.Parse(archive.ReadAllBytes(OciImageLayout.IndexFileName));
        if (index.Manifests is null || index.Manifests.Any(m => m is null || m.MediaType is null))
            throw Invalid($"{OciImageLayout.IndexFileName} lists no manifests, or one without a mediaType");
        var images = new List<ArchiveImage>();
        foreach (var descriptor in index.Manifests)
            images.AddRange(FromDescriptor(archive, descriptor, depth: 0));
        return images;
    }

    private static IEnumerable<ArchiveImage> FromDescriptor(StagedArchive archive, Descriptor descriptor, int depth)
    {
        if (MediaTypes.IsIndex(descriptor.MediaType))
        {
            if (depth > 4) throw new StorageException(400, "the OCI layout nests indexes too deeply");
            var nested = ImageIndex.Parse(Blob(archive, descriptor));
            if (nested.Manifests is null || nested.Manifests.Any(m => m is null || m.MediaType is null))
                throw Invalid($"index {descriptor.Digest} lists no manifests, or one without a mediaType");
            // A multi-platform index in a local archive: only this machine's platform can run.
            var chosen = PlatformMatcher.Select(nested)
                ?? throw new StorageException(400, $"no image for {Platform.Current} in index {descriptor.Digest}");
            foreach (var image in FromDescriptor(archive, chosen with { Annotations = descriptor.Annotations ?? chosen.Annotations }, depth + 1))
                yield return image;
            yield break;
        }
        if (!MediaTypes.IsManifest(descriptor.MediaType))
            throw new StorageException(400, $"unsupported media type {descriptor.MediaType} in index.json");
        var manifest = Manifest.Parse(Blob(archive, descriptor));
        if (manifest.Config is null || manifest.Layers is null || manifest.Layers.Any(l => l is null || l.MediaType is null))
            throw Invalid($"manifest {descriptor.Digest} has no config or layers, or a layer without a mediaType");
        var configBytes = Blob(archive, manifest.Config);
        var config = ImageConfig.Parse(configBytes);
        var diffIds = DiffIds(config, manifest.Config.Digest.ToString());
        if (diffIds.Count != manifest.Layers.Count)
            throw new StorageException(400, $"image config {manifest.Config.Digest} lists {diffIds.Count} layers but its manifest gives {manifest.Layers.Count}");
        var layers = new List<ArchiveLayer>();
        for (var i = 0; i < manifest.Layers.Count; i++)
        {
            var layer = manifest.Layers[i];
            if (!MediaTypes.IsLayer(layer.MediaType)) throw new StorageException(400, $"unsupported layer media type {layer.MediaType}");
            layers.Add(new ArchiveLayer(BlobName(layer.Digest), diffIds[i], layer.Digest, layer.Size));
        }
        yield return new ArchiveImage(configBytes, config, layers, Names(NamesOf(descriptor)));
    }

    // containerd writes the full name; other tools only the tag-like ref name, which docker takes as a name too.
    private static IEnumerable<string> NamesOf(Descriptor descriptor)
    {
        var annotations = descriptor.Annotations;
        if (annotations is null) yield break;
        if (annotations.TryGetValue("io.containerd.image.name", out var full)) yield return full;
        else if (annotations.TryGetValue("org.opencontainers.image.ref.name", out var refName) && ImageReference.TryParse(refName, out _))
            yield return refName;
    }

    private static List<Digest> DiffIds(ImageConfig config, string configName)
        => config.RootFs?.DiffIds ?? throw Invalid($"image config {configName} has no rootfs.diff_ids");

    private static StorageException Invalid(string detail) => new(400, $"the archive's metadata is not valid: {detail}");

    private static string BlobName(Digest digest) => $"{OciImageLayout.BlobsDirectoryName}/sha256/{digest.Hex}";

    private static byte[] Blob(StagedArchive archive, Descriptor descriptor)
    {
        var bytes = archive.ReadAllBytes(BlobName(descriptor.Digest));
        var actual = Digest.Of(bytes);
        if (actual != descriptor.Digest || bytes.Length != descriptor.Size)
            throw new StorageException(400, $"blob {descriptor.Digest} does not match its descriptor: got {actual} ({bytes.Length} bytes, expected {descriptor.Size})");
        return bytes;
    }

    private static List<string> Names(IEnumerable<string> names)
    {
        var result = new List<string>();
        foreach (var name in names)
        {
            if (!ImageReference.TryParse(name, out var reference, out var error))
                throw new StorageException(400, $"the archive names an image \"{name}\": {error}");
            if (reference.Digest is null) result.Add(reference.WithDefaultTag().ToString());
        }
        return result;
    }
}

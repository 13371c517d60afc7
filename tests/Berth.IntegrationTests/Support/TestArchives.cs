using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Berth.Oci.Image;

namespace Berth.IntegrationTests.Support;

/// <summary>Image archives made by the tests: `docker save` tarballs of given layers, and the shared Alpine rootfs as a
/// one-layer image built the way its Dockerfile does (FROM scratch, ADD the tarball).</summary>
internal static class TestArchives
{
    /// <summary>The uncompressed Alpine minirootfs tar: the layer `docker build` of the shared Dockerfile makes.</summary>
    internal static byte[] AlpineLayer()
    {
        using var gzip = new GZipStream(File.OpenRead(TestPaths.AlpineTarball), CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gzip.CopyTo(tar);
        return tar.ToArray();
    }

    /// <summary>The image config of an image made of the layers (uncompressed tars); its digest is the image ID.</summary>
    internal static byte[] Config(IReadOnlyList<byte[]> layers, string created = "2026-01-02T03:04:05Z")
    {
        var diffIds = string.Join(',', layers.Select(l => $"\"{Digest.Of(l)}\""));
        var history = string.Join(',', layers.Select((_, i) => $$"""{"created":"{{created}}","created_by":"layer {{i}}"}"""));
        return Encoding.UTF8.GetBytes(
            $$"""{"architecture":"amd64","os":"linux","created":"{{created}}","config":{"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":[{{diffIds}}]},"history":[{{history}}]}""");
    }

    /// <summary>A legacy `docker save` tarball (manifest.json, &lt;id&gt;.json, &lt;n&gt;/layer.tar) of one image.</summary>
    internal static MemoryStream DockerSave(string? name, params byte[][] layers)
    {
        var config = Config(layers);
        var configName = Digest.Of(config).Hex + ".json";
        var layerNames = layers.Select((_, i) => $"{i}/layer.tar").ToList();
        var tags = name is null ? "null" : $"[\"{name}\"]";
        var manifest = Encoding.UTF8.GetBytes(
            $$"""[{"Config":"{{configName}}","RepoTags":{{tags}},"Layers":[{{string.Join(',', layerNames.Select(n => $"\"{n}\""))}}]}]""");
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(Entry("manifest.json", manifest));
            writer.WriteEntry(Entry(configName, config));
            for (var i = 0; i < layers.Length; i++) writer.WriteEntry(Entry(layerNames[i], layers[i]));
        }
        archive.Position = 0;
        return archive;
    }

    /// <summary>The names and contents of a tarball's regular files, in archive order.</summary>
    internal static List<(string Name, byte[] Content)> Files(Stream tar)
    {
        var files = new List<(string, byte[])>();
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType != TarEntryType.RegularFile && entry.EntryType != TarEntryType.V7RegularFile) continue;
            using var content = new MemoryStream();
            entry.DataStream?.CopyTo(content);
            files.Add((entry.Name, content.ToArray()));
        }
        return files;
    }

    private static PaxTarEntry Entry(string name, byte[] content)
        => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
}

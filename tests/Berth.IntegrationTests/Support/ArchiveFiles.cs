using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Berth.IntegrationTests.Support;

/// <summary>Image archive files written by the tests, good or broken on purpose: docker save tarballs and OCI layouts.</summary>
internal static class ArchiveFiles
{
    /// <summary>A layer tar of the given entries (regular files unless built otherwise).</summary>
    internal static byte[] Layer(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var entry in entries) writer.WriteEntry(entry);
        return buffer.ToArray();
    }

    /// <summary>A regular file entry holding text.</summary>
    internal static PaxTarEntry File(string name, string text)
        => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };

    /// <summary>A symbolic link entry.</summary>
    internal static PaxTarEntry Symlink(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target };

    /// <summary>"sha256:…" of bytes.</summary>
    internal static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>gzip of bytes.</summary>
    internal static byte[] Gzip(byte[] bytes)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return buffer.ToArray();
    }

    /// <summary>An image config naming these diff IDs.</summary>
    internal static byte[] Config(IEnumerable<string> diffIds)
    {
        var ids = string.Join(",", diffIds.Select(d => $"\"{d}\""));
        return Encoding.UTF8.GetBytes($$$"""{"architecture":"amd64","os":"linux","created":"2026-01-02T03:04:05Z","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":[{{{ids}}}]}}""");
    }

    /// <summary>A docker save tarball of one image named name whose layer files hold layers (as stored, possibly
    /// compressed) and whose config lists diffIds (by default the digests of layers); manifest replaces manifest.json.</summary>
    internal static void DockerSave(string path, string name, IReadOnlyList<byte[]> layers, IReadOnlyList<string>? diffIds = null,
        string? manifest = null, IReadOnlyList<string>? layerNames = null)
    {
        var config = Config(diffIds ?? layers.Select(Sha256).ToList());
        var configName = Sha256(config)[7..] + ".json";
        var names = layerNames ?? layers.Select((_, i) => $"layer{i}/layer.tar").ToList();
        manifest ??= $$"""[{"Config":"{{configName}}","RepoTags":["{{name}}"],"Layers":[{{string.Join(",", names.Select(n => $"\"{n}\""))}}]}]""";
        var files = new List<(string, byte[])> { (configName, config) };
        files.AddRange(layers.Select((bytes, i) => ($"layer{i}/layer.tar", bytes)));
        files.Add(("manifest.json", Encoding.UTF8.GetBytes(manifest)));
        Write(path, files);
    }

    /// <summary>An OCI image layout tarball of one image named name; layers are the blobs, described by their digests
    /// unless described is given; index replaces index.json; leaveOut names blobs not to write.</summary>
    internal static void OciLayout(string path, string name, IReadOnlyList<byte[]> layers, IReadOnlyList<byte[]>? described = null,
        string? index = null)
    {
        described ??= layers;
        var diffIds = described.Select(Sha256).ToList();
        var config = Config(diffIds);
        var layerDescriptors = string.Join(",", described.Select(l =>
            $$"""{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"{{Sha256(l)}}","size":{{l.Length}}}"""));
        var manifest = Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{Sha256(config)}}","size":{{config.Length}}},"layers":[{{layerDescriptors}}]}""");
        index ??= $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{{Sha256(manifest)}}}","size":{{{manifest.Length}}},"annotations":{"io.containerd.image.name":"{{{name}}}"}}]}""";
        var files = new List<(string, byte[])> { ("oci-layout", """{"imageLayoutVersion":"1.0.0"}"""u8.ToArray()), ("index.json", Encoding.UTF8.GetBytes(index)) };
        // Each blob under the digest its descriptor gives, so a tampered blob sits where the manifest looks for it.
        foreach (var blob in new[] { config, manifest }) files.Add(($"blobs/sha256/{Sha256(blob)[7..]}", blob));
        for (var i = 0; i < layers.Count; i++) files.Add(($"blobs/sha256/{Sha256(described[i])[7..]}", layers[i]));
        Write(path, files);
    }

    /// <summary>A large docker save tarball made the same way every time: layers layers of filesPerLayer files of
    /// fileBytes pseudo-random bytes each (incompressible, so unpacking takes real time). Scratch files go to work.</summary>
    internal static void LargeDockerSave(string path, string work, string name, int layers, int filesPerLayer, int fileBytes)
    {
        var layerFiles = new List<string>();
        for (var i = 0; i < layers; i++)
        {
            var layerFile = Path.Combine(work, $"large-layer{i}.tar");
            using (var writer = new TarWriter(System.IO.File.Create(layerFile), TarEntryFormat.Pax))
                for (var f = 0; f < filesPerLayer; f++)
                {
                    var data = new byte[fileBytes];
                    new Random(i * 1000 + f).NextBytes(data);
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"data/layer{i}/file{f}.bin")
                        { DataStream = new MemoryStream(data), ModificationTime = DateTimeOffset.UnixEpoch });
                }
            layerFiles.Add(layerFile);
        }
        var diffIds = layerFiles.Select(f => { using var s = System.IO.File.OpenRead(f); return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(s)); }).ToList();
        var config = Config(diffIds);
        var configName = Sha256(config)[7..] + ".json";
        var manifest = $$"""[{"Config":"{{configName}}","RepoTags":["{{name}}"],"Layers":[{{string.Join(",", layerFiles.Select((_, i) => $"\"layer{i}/layer.tar\""))}}]}]""";
        using (var writer = new TarWriter(System.IO.File.Create(path), TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, configName) { DataStream = new MemoryStream(config) });
            for (var i = 0; i < layerFiles.Count; i++)
            {
                using var data = System.IO.File.OpenRead(layerFiles[i]);
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"layer{i}/layer.tar") { DataStream = data });
            }
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(manifest)) });
        }
        foreach (var file in layerFiles) System.IO.File.Delete(file);
    }

    private static void Write(string path, IEnumerable<(string Name, byte[] Bytes)> files)
    {
        using var writer = new TarWriter(System.IO.File.Create(path), TarEntryFormat.Pax);
        foreach (var (name, bytes) in files)
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
    }
}

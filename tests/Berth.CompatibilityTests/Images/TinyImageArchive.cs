using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace Berth.CompatibilityTests.Images;

/// <summary>Writes small `docker save` tarballs: each layer one file with fixed metadata, so equal contents make
/// byte-identical layers that images share; the config carries the given creation time.</summary>
public static class TinyImageArchive
{
    private static readonly DateTimeOffset FileTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A tarball at path holding one image named tags whose layers hold (file name, content) each, bottom first.</summary>
    public static string Write(string path, IReadOnlyList<string> tags, DateTimeOffset created, params (string File, string Content)[] layers)
    {
        var layerBytes = layers.Select(l => Layer(l.File, l.Content)).ToList();
        var diffIds = layerBytes.Select(b => "\"sha256:" + Convert.ToHexStringLower(SHA256.HashData(b)) + "\"");
        var time = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var history = string.Join(',', layers.Select(l => $$"""{"created":"{{time}}","created_by":"ADD {{l.File}} /"}"""));
        var config = Encoding.UTF8.GetBytes(
            $$"""{"architecture":"amd64","os":"linux","created":"{{time}}","config":{"Cmd":["cat","/{{layers[^1].File}}"]},"rootfs":{"type":"layers","diff_ids":[{{string.Join(',', diffIds)}}]},"history":[{{history}}]}""");
        var configName = Convert.ToHexStringLower(SHA256.HashData(config)) + ".json";
        var layerNames = layerBytes.Select((_, i) => $"layer{i}/layer.tar").ToList();
        var manifest = Encoding.UTF8.GetBytes(
            $$"""[{"Config":"{{configName}}","RepoTags":[{{string.Join(',', tags.Select(t => $"\"{t}\""))}}],"Layers":[{{string.Join(',', layerNames.Select(n => $"\"{n}\""))}}]}]""");
        using var writer = new TarWriter(File.Create(path), TarEntryFormat.Ustar);
        Add(writer, "manifest.json", manifest);
        Add(writer, configName, config);
        for (var i = 0; i < layerBytes.Count; i++) Add(writer, layerNames[i], layerBytes[i]);
        return path;
    }

    private static byte[] Layer(string file, string content)
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
            Add(writer, file, Encoding.UTF8.GetBytes(content));
        return buffer.ToArray();
    }

    private static void Add(TarWriter writer, string name, byte[] bytes)
        => writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(bytes), ModificationTime = FileTime, Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        });
}

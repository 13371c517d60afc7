using System.Formats.Tar;
using Berth.IntegrationTests.Support;
using Berth.Oci.Image;
using Berth.Storage;
using Berth.Storage.Content;
using Berth.Storage.Images;
using Berth.Storage.Metadata;

namespace Berth.IntegrationTests.Images;

/// <summary>Loading image archives into a fresh data root: what is stored, and that bad archives store nothing.</summary>
public sealed class ImageStoreLoadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-images-").FullName;
    private readonly MetadataDb _db;
    private readonly ImageStore _store;

    public ImageStoreLoadTests()
    {
        _db = MetadataDb.Open(Path.Combine(_root, "berth.db"));
        _store = new ImageStore(_root, new ContentStore(_root), _db);
    }

    private static MemoryStream TarOf(string directory)
    {
        var tar = new MemoryStream();
        TarFile.CreateFromDirectory(directory, tar, includeBaseDirectory: false);
        tar.Position = 0;
        return tar;
    }

    private static string BusyboxLayout => Path.Combine(TestPaths.ImagesDir, "busybox-1.37-oci");

    [Fact]
    public void Load_OciLayout_StoresBusyboxUnderItsNameAndConfigDigest()
    {
        var loaded = Assert.Single(_store.Load(TarOf(BusyboxLayout)));
        Assert.StartsWith("db287cb6be81", loaded.Id.Hex);
        Assert.Equal(["docker.io/library/busybox:1.37.0-glibc"], loaded.Names);

        var image = _db.Read(tx => tx.GetImage(loaded.Id.ToString()))!;
        var layer = Assert.Single(_db.Read(tx => tx.LayerChain(image.TopLayer)));
        Assert.True(File.Exists(Path.Combine(_store.LayerPath(layer.ChainId), "bin", "busybox")));
        Assert.Equal(layer.Size, image.Size);
        Assert.InRange(image.Size, 1_000_000, 10_000_000);
        Assert.Equal(loaded.Id.ToString(), _db.Read(tx => tx.ResolveReference("docker.io/library/busybox:1.37.0-glibc")));

        // Loading again changes nothing and unpacks nothing twice.
        Assert.Single(_store.Load(TarOf(BusyboxLayout)));
        Assert.Single(Directory.GetDirectories(Path.Combine(_root, "layers")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public void Resolve_FindsAnImageByNameShortIdAndFullId()
    {
        var id = Assert.Single(_store.Load(TarOf(BusyboxLayout))).Id;
        foreach (var name in new[] { "busybox:1.37.0-glibc", "docker.io/library/busybox:1.37.0-glibc", id.Short, id.ToString(), id.Hex, "sha256:" + id.Short })
            Assert.Equal(id, _store.Resolve(name).Id);
        Assert.Equal("No such image: busybox:latest", Assert.Throws<StorageException>(() => _store.Resolve("busybox:latest")).Message);
        Assert.Equal(404, Assert.Throws<StorageException>(() => _store.Resolve("busybox")).StatusCode);
        Assert.Equal(id, Digest.Of(_store.ReadConfig(id)));
        Assert.Single(_store.Layers(_store.Resolve("busybox:1.37.0-glibc").Record));
    }

    [Fact]
    public void Load_WithACorruptLayerBlob_StoresNothing()
    {
        var copy = Path.Combine(_root, "bad-layout");
        foreach (var file in Directory.GetFiles(BusyboxLayout, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(BusyboxLayout, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // The layer is the largest blob; flip one byte in its middle.
        var layerBlob = Directory.GetFiles(Path.Combine(copy, "blobs", "sha256")).OrderByDescending(f => new FileInfo(f).Length).First();
        var bytes = File.ReadAllBytes(layerBlob);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(layerBlob, bytes);

        var error = Assert.Throws<DigestMismatchException>(() => _store.Load(TarOf(copy)));
        Assert.Contains("does not match", error.Message);
        Assert.Empty(_db.Read(tx => tx.ListImages()));
        Assert.Empty(_db.Read(tx => tx.ListLayerIds()));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "layers")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root, "tmp")));
    }

    // A docker save archive of images given as their layers (each a list of file name and content).
    private static MemoryStream DockerSave(params (string Tag, (string Name, string Content)[][] Layers, string? WrongDiffId)[] images)
    {
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            var manifest = new List<string>();
            foreach (var (tag, layers, wrongDiffId) in images)
            {
                var paths = new List<string>();
                var diffIds = new List<string>();
                foreach (var files in layers)
                {
                    var layer = new MemoryStream();
                    using (var layerWriter = new TarWriter(layer, TarEntryFormat.Pax, leaveOpen: true))
                        foreach (var (name, content) in files)
                            layerWriter.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) });
                    var digest = Digest.Of(layer.ToArray());
                    paths.Add($"{digest.Hex}/layer.tar");
                    diffIds.Add(digest.ToString());
                    layer.Position = 0;
                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{digest.Hex}/layer.tar") { DataStream = layer });
                }
                if (wrongDiffId is not null) diffIds[^1] = wrongDiffId;
                var diffIdList = string.Join(',', diffIds.Select(d => $"\"{d}\""));
                var config = System.Text.Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","config":{},"rootfs":{"type":"layers","diff_ids":["""
                    + diffIdList + "]}}");
                var configName = Digest.Of(config).Hex + ".json";
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, configName) { DataStream = new MemoryStream(config) });
                var layerList = string.Join(',', paths.Select(p => $"\"{p}\""));
                manifest.Add($$"""{"Config":"{{configName}}","RepoTags":["{{tag}}"],"Layers":[{{layerList}}]}""");
            }
            var manifestBytes = System.Text.Encoding.UTF8.GetBytes("[" + string.Join(',', manifest) + "]");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(manifestBytes) });
        }
        archive.Position = 0;
        return archive;
    }

    [Fact]
    public void Load_SameLayerAtTwoPlacesInTheChain_UnpacksItForEachChain()
    {
        (string, string)[] top = [("top.txt", "top")];
        (string, string)[] bottom = [("bottom.txt", "bottom")];
        var loaded = _store.Load(DockerSave(("two:latest", [bottom, top], null), ("one:latest", [top], null)));

        Assert.Equal(2, loaded.Count);
        // top.txt's layer is its own chain in one:latest and the second of two in two:latest.
        Assert.Equal(3, _db.Read(tx => tx.ListLayerIds()).Count());
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(_root, "layers")).Length);
        var two = _store.Resolve("two:latest").Record;
        Assert.Equal(["bottom.txt", "top.txt"], _db.Read(tx => tx.LayerChain(two.TopLayer))
            .SelectMany(l => Directory.GetFiles(_store.LayerPath(l.ChainId)).Select(Path.GetFileName)).Order());
        Assert.Equal(9, two.Size);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public void Load_WhenALaterImageIsBad_StoresNoneOfTheArchive()
    {
        (string, string)[] good = [("good.txt", "good")];
        (string, string)[] other = [("other.txt", "other")];
        var wrong = Digest.Of("not this layer"u8.ToArray()).ToString();

        var error = Assert.Throws<StorageException>(() => _store.Load(DockerSave(("good:latest", [good], null), ("bad:latest", [good, other], wrong))));
        Assert.Contains("does not match the image config", error.Message);
        Assert.Empty(_db.Read(tx => tx.ListImages()));
        Assert.Empty(_db.Read(tx => tx.ListLayerIds()));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_root, "layers")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_root, "tmp")));
    }

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}

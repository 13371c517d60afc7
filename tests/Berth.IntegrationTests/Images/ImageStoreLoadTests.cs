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

    public void Dispose()
    {
        _db.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}

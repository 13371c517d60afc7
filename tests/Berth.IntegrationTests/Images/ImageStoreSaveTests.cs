using System.Formats.Tar;
using System.Text.Json;
using Berth.IntegrationTests.Support;
using Berth.Oci.Image;
using Berth.Storage;
using Berth.Storage.Content;
using Berth.Storage.Images;
using Berth.Storage.Interop;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;
using Berth.Storage.Snapshots;
using Berth.Tests.Storage;

namespace Berth.IntegrationTests.Images;

/// <summary>Save: images written as docker 25+'s archive load into a fresh store as the same images (IDs, DiffIDs,
/// names), layers with whiteouts included, and names select images as dockerd does.</summary>
public sealed class ImageStoreSaveTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<MetadataDb> _dbs = [];
    private readonly List<string> _mounts = [];
    private readonly ImageStore _store;

    public ImageStoreSaveTests()
    {
        Assert.True(Fs.IsRoot, "image store integration tests need root");
        _store = NewStore("first");
    }

    public void Dispose()
    {
        foreach (var m in Enumerable.Reverse(_mounts)) Libc.umount2(m, Libc.MNT_DETACH);
        foreach (var db in _dbs) db.Dispose();
        _dir.Dispose();
    }

    private ImageStore NewStore(string name)
    {
        var root = _dir.Sub(name);
        Directory.CreateDirectory(root);
        var db = MetadataDb.Open(Path.Combine(root, "berth.db"));
        _dbs.Add(db);
        return new ImageStore(root, new ContentStore(root), db);
    }

    private static MemoryStream Save(ImageStore store, params string[] names)
    {
        var archive = new MemoryStream();
        store.Save(names).WriteTo(archive);
        archive.Position = 0;
        return archive;
    }

    private static MemoryStream BusyboxLayout()
    {
        var tar = new MemoryStream();
        TarFile.CreateFromDirectory(Path.Combine(TestPaths.ImagesDir, "busybox-1.37-oci"), tar, includeBaseDirectory: false);
        tar.Position = 0;
        return tar;
    }

    private static List<string> DiffIds(ImageStore store, string name) => store.Layers(store.Resolve(name).Record).Select(l => l.DiffId).ToList();

    private static JsonElement DockerManifest(MemoryStream archive)
    {
        archive.Position = 0;
        var manifest = TestArchives.Files(archive).Single(f => f.Name == "manifest.json").Content;
        archive.Position = 0;
        return JsonDocument.Parse(manifest).RootElement;
    }

    [Fact]
    public void SaveThenLoad_IntoAFreshStore_GivesTheSameImagesAndDiffIds()
    {
        var busybox = Assert.Single(_store.Load(BusyboxLayout()));
        var alpine = Assert.Single(_store.Load(TestArchives.DockerSave("alpine:3.20", TestArchives.AlpineLayer())));

        var archive = Save(_store, "busybox:1.37.0-glibc", "alpine:3.20");
        var files = TestArchives.Files(archive).Select(f => f.Name).ToList();
        Assert.Equal(["index.json", "manifest.json", "oci-layout", "repositories"], files.Where(f => !f.StartsWith("blobs/", StringComparison.Ordinal)));
        Assert.Contains($"blobs/sha256/{alpine.Id.Hex}", files);
        archive.Position = 0;

        var fresh = NewStore("second");
        var loaded = fresh.Load(archive);
        Assert.Equal([busybox.Id, alpine.Id], loaded.Select(l => l.Id));
        Assert.Equal(["docker.io/library/busybox:1.37.0-glibc"], loaded[0].Names);
        Assert.Equal(["docker.io/library/alpine:3.20"], loaded[1].Names);
        foreach (var name in new[] { "busybox:1.37.0-glibc", "alpine:3.20" })
            Assert.Equal(DiffIds(_store, name), DiffIds(fresh, name));
        Assert.Equal("3.20.3\n", File.ReadAllText(Path.Combine(fresh.LayerPath(fresh.Layers(fresh.Resolve("alpine:3.20").Record)[0].ChainId), "etc", "alpine-release")));
    }

    [Fact]
    public void Save_ByIdHasNoTags_ARepoTagOnlyThatTag_ARepositoryEveryTag()
    {
        var id = Assert.Single(_store.Load(TestArchives.DockerSave("alpine:3.20", TestArchives.AlpineLayer()))).Id;
        _store.Tag("alpine:3.20", "alpine", "edge");
        _store.Tag("alpine:3.20", "other", "1");

        Assert.Equal(JsonValueKind.Null, DockerManifest(Save(_store, id.ToString()))[0].GetProperty("RepoTags").ValueKind);
        Assert.Equal(JsonValueKind.Null, DockerManifest(Save(_store, id.Hex))[0].GetProperty("RepoTags").ValueKind);
        Assert.Equal("[\"alpine:edge\"]", DockerManifest(Save(_store, "alpine:edge"))[0].GetProperty("RepoTags").GetRawText());
        Assert.Equal("[\"alpine:3.20\",\"alpine:edge\"]", DockerManifest(Save(_store, "alpine"))[0].GetProperty("RepoTags").GetRawText());
        var both = DockerManifest(Save(_store, "other:1", id.Short, "alpine:3.20"));
        Assert.Equal("[\"other:1\",\"alpine:3.20\"]", Assert.Single(both.EnumerateArray()).GetProperty("RepoTags").GetRawText());

        var fresh = NewStore("second");
        var unnamed = Assert.Single(fresh.Load(Save(_store, id.Short)));
        Assert.Equal(id, unnamed.Id);
        Assert.Empty(unnamed.Names);
    }

    [Fact]
    public void Save_WritesALayerSharedByTwoImagesOnce()
    {
        var baseLayer = new TestTar().Dir("etc/").File("etc/os", "base\n").ToArray();
        var top = new TestTar().Dir("etc/").File("etc/app", "app\n").ToArray();
        _store.Load(TestArchives.DockerSave("one:1", baseLayer));
        _store.Load(TestArchives.DockerSave("two:1", baseLayer, top));

        var files = TestArchives.Files(Save(_store, "one:1", "two:1"));

        Assert.Single(files, f => f.Name == $"blobs/sha256/{Digest.Of(baseLayer).Hex}");
        Assert.Equal(baseLayer, files.Single(f => f.Name == $"blobs/sha256/{Digest.Of(baseLayer).Hex}").Content);
        Assert.Equal(top, files.Single(f => f.Name == $"blobs/sha256/{Digest.Of(top).Hex}").Content);
        var index = ImageIndex.Parse(files.Single(f => f.Name == "index.json").Content);
        Assert.Equal(2, index.Manifests.Count);
        var manifest = Manifest.Parse(files.Single(f => f.Name == $"blobs/sha256/{index.Manifests[1].Digest.Hex}").Content);
        Assert.Equal([MediaTypes.OciLayerTar, MediaTypes.OciLayerTar], manifest.Layers.Select(l => l.MediaType));
        Assert.Equal(top.Length, manifest.Layers[1].Size);
    }

    [Fact]
    public void Save_OfUnknownNames_FailsBeforeWritingAnything()
    {
        _store.Load(TestArchives.DockerSave("alpine:3.20", TestArchives.AlpineLayer()));

        var missing = Assert.Throws<StorageException>(() => _store.Save(["alpine:3.20", "nope"]));
        Assert.Equal((404, "No such image: nope"), (missing.StatusCode, missing.Message));
        var tag = Assert.Throws<StorageException>(() => _store.Save(["alpine:9"]));
        Assert.Equal((404, "reference does not exist"), (tag.StatusCode, tag.Message));
        Assert.Equal(400, Assert.Throws<StorageException>(() => _store.Save(["UPPER"])).StatusCode);
    }

    [Fact]
    public void Save_OfALayerStoredWithoutTarSplit_NamesTheLayer()
    {
        var layer = new TestTar().File("a", "a").ToArray();
        _store.Load(TestArchives.DockerSave("old:1", layer));
        var chainId = _store.Layers(_store.Resolve("old:1").Record)[0].ChainId;
        File.Delete(LayerTarSplit.PathFor(_store.LayerPath(chainId)));

        var error = Assert.Throws<LayerReassemblyException>(() => _store.Save(["old:1"]));
        Assert.Contains($"layer {Digest.Of(layer)} cannot be saved: it was stored before Berth kept", error.Message);
    }

    [Fact]
    public void TarSplitsAndConfigs_GoWithTheirImages_OnRemoveAndRecover()
    {
        var loaded = _store.Load(TestArchives.DockerSave("one:1", new TestTar().File("a", "a").ToArray()));
        // A config a crash left between its ingest and the load's transaction goes too; the image's own stays.
        var content = new ContentStore(_dir.Sub("first"));
        var orphan = "{\"orphan\":true}"u8.ToArray();
        content.Ingest(new MemoryStream(orphan), Digest.Of(orphan));
        var layers = Path.Combine(_dir.Sub("first"), "layers");
        Assert.Single(Directory.GetFiles(layers, "*.tar-split"));
        File.WriteAllText(Path.Combine(layers, new string('0', 64) + LayerTarSplit.FileSuffix), "orphan");
        File.WriteAllText(Path.Combine(layers, new string('1', 64) + ".tmp-abc" + LayerTarSplit.FileSuffix), "half");

        _store.Recover();
        Assert.Single(Directory.GetFiles(layers));
        Assert.Equal([loaded[0].Id], content.List());

        _store.Remove("one:1", force: false);
        Assert.Empty(Directory.GetFileSystemEntries(layers));
    }

    private static readonly byte[][] ChangingLayers =
    [
        new TestTar()
            .Dir("etc/").File("etc/hostname", "base\n").File("etc/passwd", "root:x:0:0\n")
            .Dir("usr/share/doc/").File("usr/share/doc/a", "a").File("usr/share/doc/b", "b")
            .Dir("var/cache/").File("var/cache/x", "x").File("var/cache/y", "y")
            .File("bin/tool", "tool", mode: 0x9ED).Hardlink("bin/tool-alias", "bin/tool").Symlink("bin/sh", "tool")
            .Dir("dev/").Device("dev/null", TarEntryType.CharacterDevice, 1, 3).Device("dev/sda", TarEntryType.BlockDevice, 8, 0)
            .Fifo("dev/initctl")
            .ToArray(),
        new TestTar()
            .Dir("etc/").File("etc/hostname", "modified\n").Whiteout("etc/passwd")
            .Dir("usr/share/").Whiteout("usr/share/doc")
            .Dir("var/cache/").Opaque("var/cache").File("var/cache/z", "z")
            .ToArray(),
    ];

    [Fact]
    public void Whiteouts_SurviveSaveAndLoad_AndTheLayersStackToTheExpectedTree()
    {
        var id = Assert.Single(_store.Load(TestArchives.DockerSave("changes:1", ChangingLayers))).Id;
        var fresh = NewStore("second");
        Assert.Equal(id, Assert.Single(fresh.Load(Save(_store, "changes:1"))).Id);

        var saved = TestArchives.Files(Save(fresh, "changes:1"));
        foreach (var layer in ChangingLayers)
            Assert.Equal(layer, saved.Single(f => f.Name == $"blobs/sha256/{Digest.Of(layer).Hex}").Content);

        var merged = Mount(fresh, "changes:1");
        string P(string r) => Path.Combine(merged, r);
        Assert.Equal("modified\n", File.ReadAllText(P("etc/hostname")));
        Assert.False(File.Exists(P("etc/passwd")));
        Assert.False(Directory.Exists(P("usr/share/doc")));
        Assert.True(Directory.Exists(P("usr/share")));
        Assert.Equal(["z"], Directory.GetFileSystemEntries(P("var/cache")).Select(Path.GetFileName));
        Assert.Equal("tool", File.ReadAllText(P("bin/tool-alias")));
        Assert.Equal("tool", new FileInfo(P("bin/sh")).LinkTarget);
        Assert.Equal((8u, 0u), (Fs.Lstat(P("dev/sda"))!.Value.RdevMajor, Fs.Lstat(P("dev/sda"))!.Value.RdevMinor));
        Assert.Equal(Libc.S_IFIFO, Fs.Lstat(P("dev/initctl"))!.Value.Type);
        Assert.Equal(TreeListing.Of(Mount(_store, "changes:1")), TreeListing.Of(merged));
    }

    private string Mount(ImageStore store, string name)
    {
        var lowers = store.Layers(store.Resolve(name).Record).Select(l => store.LayerPath(l.ChainId)).Reverse().ToList();
        var key = "m" + _mounts.Count;
        var snapshots = new OverlaySnapshotter(_dir.Sub("snapshots-" + key));
        snapshots.Prepare(key, lowers);
        var target = _dir.Sub("mnt-" + key);
        Directory.CreateDirectory(target);
        snapshots.Mount(key, target);
        _mounts.Add(target);
        return target;
    }
}

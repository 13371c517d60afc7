using System.Text;
using System.Text.Json;
using Berth.Oci.Image;
using Berth.Storage.Containers;
using Berth.Storage.Content;
using Berth.Storage.Images;
using Berth.Storage.Interop;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;
using Berth.Storage.Snapshots;
using Berth.Tests.Storage;

namespace Berth.IntegrationTests.Storage.Containers;

/// <summary>Scenario S5's commit on a real overlay: the container's changes become a layer on its image that a new
/// container sees, `save` can write again, and the config names as dockerd's does.</summary>
public sealed class CommitTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly MetadataDb _db;
    private readonly ImageStore _store;
    private readonly OverlaySnapshotter _overlay;
    private readonly List<string> _mounts = [];

    public CommitTests()
    {
        Assert.True(Fs.IsRoot, "storage integration tests need root");
        var root = _dir.Sub("data");
        Directory.CreateDirectory(root);
        _db = MetadataDb.Open(Path.Combine(root, "berth.db"));
        _store = new ImageStore(root, new ContentStore(root), _db);
        _overlay = new OverlaySnapshotter(root);
    }

    public void Dispose()
    {
        foreach (var m in Enumerable.Reverse(_mounts)) _overlay.Unmount(m);
        _db.Dispose();
        _dir.Dispose();
    }

    private Digest ImportBase()
    {
        var tar = _dir.Sub("base.tar");
        File.WriteAllBytes(tar, new TestTar().Dir("etc/").File("etc/hostname", "base\n").File("etc/issue", "hi")
            .Dir("var/cache/").File("var/cache/x", "x").ToArray());
        return _store.Import(tar, diffId => Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","config":{"Cmd":["/bin/sh"]},"created":"2024-01-01T00:00:00Z","history":[{"created":"2024-01-01T00:00:00Z","created_by":"import"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["{{{diffId}}}"]}}"""),
            ["base:1"]);
    }

    private (string Key, string Root) Run(Digest image)
    {
        var key = "c" + _mounts.Count;
        var lowers = _store.Layers(_store.Resolve(image.ToString()).Record).Select(l => _store.LayerPath(l.ChainId)).Reverse().ToList();
        _overlay.Prepare(key, lowers);
        var root = _dir.Sub("mnt-" + key);
        Directory.CreateDirectory(root);
        _overlay.Mount(key, root);
        _mounts.Add(root);
        return (key, root);
    }

    private CommitRequest Request(string key, Digest parent) => new()
    {
        UpperDir = _overlay.UpperDir(key),
        ParentImageId = parent.ToString(),
        Config = """{"Cmd":["/bin/sh"],"Env":["A=1"]}"""u8.ToArray(),
        ContainerConfig = """{"Cmd":["sh","-c","echo hi > /etc/newfile"],"Env":["A=1"]}"""u8.ToArray(),
        ContainerId = "0123456789abcdef",
        Comment = "msg",
        Author = "me <m@x>",
        Repository = "committed",
        Tag = "v1",
        DockerVersion = "20.10.24",
    };

    [Fact]
    public void Commit_MakesALayerANewContainerSees()
    {
        var parent = ImportBase();
        var (key, root) = Run(parent);
        File.WriteAllText(Path.Combine(root, "etc/newfile"), "hi\n");
        File.WriteAllText(Path.Combine(root, "etc/hostname"), "changed\n");
        File.Delete(Path.Combine(root, "etc/issue"));
        Directory.Delete(Path.Combine(root, "var/cache"), recursive: true);
        Directory.CreateDirectory(Path.Combine(root, "var/cache"));
        File.WriteAllText(Path.Combine(root, "var/cache/y"), "y");

        var id = _store.Commit(Request(key, parent));

        var image = _store.Resolve("committed:v1");
        Assert.Equal(id, image.Id);
        Assert.Equal(parent.ToString(), image.Record.Parent);
        var config = ImageConfig.Parse(_store.ReadConfig(id));
        var parentConfig = ImageConfig.Parse(_store.ReadConfig(parent));
        Assert.Equal(2, config.RootFs.DiffIds.Count);
        Assert.Equal(parentConfig.RootFs.DiffIds[0], config.RootFs.DiffIds[0]);
        var last = config.History![^1];
        Assert.Equal(("sh -c echo hi > /etc/newfile", "msg", "me <m@x>", (bool?)null), (last.CreatedBy, last.Comment, last.Author, last.EmptyLayer));
        Assert.Equal("0123456789abcdef", config.Container);

        var (_, after) = Run(id);
        Assert.Equal("hi\n", File.ReadAllText(Path.Combine(after, "etc/newfile")));
        Assert.Equal("changed\n", File.ReadAllText(Path.Combine(after, "etc/hostname")));
        Assert.False(File.Exists(Path.Combine(after, "etc/issue")));
        Assert.Equal(["y"], Directory.GetFileSystemEntries(Path.Combine(after, "var/cache")).Select(Path.GetFileName));

        // `save` writes the new layer back as the tar it was made from.
        var layer = _store.Layers(image.Record)[^1];
        var saved = new MemoryStream();
        LayerTarSplit.Open(_store.LayerPath(layer.ChainId), layer.DiffId, Digest.Parse(layer.DiffId)).WriteTar(saved);
        Assert.Equal(Digest.Parse(layer.DiffId), Digest.Of(saved.ToArray()));
    }

    [Fact]
    public void Commit_OfAnUnchangedContainer_AddsOnlyAnEmptyLayerHistoryEntry()
    {
        var parent = ImportBase();
        var (key, _) = Run(parent);

        var id = _store.Commit(Request(key, parent) with { Repository = null });

        var config = ImageConfig.Parse(_store.ReadConfig(id));
        Assert.Single(config.RootFs.DiffIds);
        Assert.True(config.History![^1].EmptyLayer);
        Assert.Equal(2, config.History.Count);
        Assert.Equal(_store.Resolve(parent.ToString()).Record.TopLayer, _store.Resolve(id.ToString()).Record.TopLayer);
        Assert.Empty(_store.Resolve(id.ToString()).References);
    }

    [Fact]
    public void Commit_WritesTheConfigKeysDockerdWrites()
    {
        var parent = ImportBase();
        var (key, root) = Run(parent);
        File.WriteAllText(Path.Combine(root, "new"), "n");

        var id = _store.Commit(Request(key, parent));

        using var doc = JsonDocument.Parse(_store.ReadConfig(id));
        Assert.Equal(["architecture", "author", "config", "container", "container_config", "created", "docker_version", "history", "os", "rootfs"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"Cmd":["/bin/sh"],"Env":["A=1"]}""", doc.RootElement.GetProperty("config").GetRawText());
    }
}

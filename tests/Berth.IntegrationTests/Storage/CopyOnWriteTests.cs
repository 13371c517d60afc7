using System.Formats.Tar;
using Berth.Storage;
using Berth.Storage.Interop;
using Berth.Storage.Layers;
using Berth.Storage.Snapshots;
using Berth.IntegrationTests.Support;
using Berth.Tests.Storage;

namespace Berth.IntegrationTests.Storage;

/// <summary>Scenario S5's copy-on-write model: layers that add, modify and delete files and whole directories give
/// one view whether stacked by overlayfs or copied, and a container's changes survive diff and re-apply.</summary>
public sealed class CopyOnWriteTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<string> _mounts = [];
    private readonly OverlaySnapshotter _overlay;
    private readonly CopySnapshotter _copy;

    public CopyOnWriteTests()
    {
        Assert.True(Fs.IsRoot, "storage integration tests need root");
        Assert.True(OverlaySupport.IsAvailable(_dir.Path), "overlayfs is not available on /tmp");
        _overlay = new OverlaySnapshotter(_dir.Sub("overlay-root"));
        _copy = new CopySnapshotter(_dir.Sub("copy-root"));
    }

    public void Dispose()
    {
        foreach (var m in Enumerable.Reverse(_mounts)) Libc.umount2(m, Libc.MNT_DETACH);
        _dir.Dispose();
    }

    private static readonly byte[][] Layers =
    [
        new TestTar()
            .Dir("etc/").File("etc/passwd", "root:x:0:0\n").File("etc/hostname", "base\n").File("etc/gone-later", "g")
            .Dir("usr/share/doc/").File("usr/share/doc/a", "a").File("usr/share/doc/b", "b")
            .Dir("var/cache/").File("var/cache/x", "x").File("var/cache/y", "y")
            .Dir("opt/keep/").File("opt/keep/k", "k1", uid: 1000, gid: 1000)
            .File("bin/tool", "tool", mode: 0x9ED).Hardlink("bin/tool-alias", "bin/tool")
            .Dir("dev/").Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
            .ToArray(),
        new TestTar()
            .Dir("etc/").File("etc/hostname", "mid\n").File("etc/new", "n")
            .Dir("usr/share/").Whiteout("usr/share/doc")
            .Dir("var/cache/").Opaque("var/cache").File("var/cache/z", "z")
            .Dir("home/user/", mode: 0x1C0, uid: 1000, gid: 1000).File("home/user/.profile", "p", uid: 1000, gid: 1000)
            .ToArray(),
        new TestTar()
            .Dir("etc/").Whiteout("etc/passwd").Symlink("etc/link", "hostname")
            .Dir("usr/share/doc/").File("usr/share/doc/c", "c", xattrs: new() { ["user.note"] = "third" })
            .Dir("opt/keep/").File("opt/keep/k", "k3", uid: 1000, gid: 1000)
            .Whiteout("etc/gone-later")
            .ToArray(),
    ];

    /// <summary>The three layers unpacked; returned top first, as snapshotters take them.</summary>
    private List<string> UnpackChain()
    {
        var dirs = new List<string>();
        for (var i = 0; i < Layers.Length; i++)
        {
            var dir = _dir.Sub($"layers/{i + 1}");
            LayerApplier.Apply(new MemoryStream(Layers[i]), dir);
            dirs.Insert(0, dir);
        }
        return dirs;
    }

    private string MountOverlay(string key, IReadOnlyList<string> lowers)
    {
        var spec = _overlay.Prepare(key, lowers);
        Assert.Equal("overlay", spec.Type);
        var target = _dir.Sub("mnt-" + key);
        Directory.CreateDirectory(target);
        _overlay.Mount(key, target);
        _mounts.Add(target);
        return target;
    }

    private static void AssertExpectedView(string root)
    {
        string P(string r) => Path.Combine(root, r);
        Assert.Equal("mid\n", File.ReadAllText(P("etc/hostname")));
        Assert.Equal("mid\n", File.ReadAllText(P("etc/link")));
        Assert.Equal("n", File.ReadAllText(P("etc/new")));
        Assert.False(File.Exists(P("etc/passwd")));
        Assert.False(File.Exists(P("etc/gone-later")));
        Assert.Equal(["c"], Directory.GetFileSystemEntries(P("usr/share/doc")).Select(Path.GetFileName));
        Assert.Equal(["z"], Directory.GetFileSystemEntries(P("var/cache")).Select(Path.GetFileName));
        Assert.Equal("k3", File.ReadAllText(P("opt/keep/k")));
        Assert.Equal("tool", File.ReadAllText(P("bin/tool-alias")));
        Assert.Equal(0x9EDu, Fs.Lstat(P("bin/tool"))!.Value.Permissions);
        Assert.Equal((1u, 3u), (Fs.Lstat(P("dev/null"))!.Value.RdevMajor, Fs.Lstat(P("dev/null"))!.Value.RdevMinor));
        Assert.Equal((1000u, 1000u), (Fs.Lstat(P("home/user"))!.Value.Uid, Fs.Lstat(P("home/user"))!.Value.Gid));
        Assert.Equal("third"u8.ToArray(), Fs.GetXattr(P("usr/share/doc/c"), "user.note"));
    }

    [Fact]
    public void OverlayAndCopy_GiveTheSameView()
    {
        var chain = UnpackChain();

        var merged = MountOverlay("c1", chain);
        var copySpec = _copy.Prepare("c1", chain);

        Assert.Equal("bind", copySpec.Type);
        AssertExpectedView(merged);
        AssertExpectedView(_copy.RootDir("c1"));
        Assert.Equal(TreeListing.Of(merged), TreeListing.Of(_copy.RootDir("c1")));
    }

    [Fact]
    public void ContainerChanges_SurviveDiffAndReapply()
    {
        var chain = UnpackChain();
        var merged = MountOverlay("c1", chain);
        string P(string r) => Path.Combine(merged, r);

        File.WriteAllText(P("etc/added"), "added");
        File.WriteAllText(P("etc/hostname"), "container\n");
        File.Delete(P("etc/new"));
        Directory.Delete(P("usr/share/doc"), recursive: true);
        Directory.Delete(P("var/cache"), recursive: true);
        Directory.CreateDirectory(P("var/cache"));
        File.WriteAllText(P("var/cache/fresh"), "f");
        Directory.CreateDirectory(P("opt/newdir"));
        File.WriteAllText(P("opt/newdir/file"), "nd");
        Fs.Lchown(P("opt/newdir/file"), 4242, 4343);
        File.AppendAllText(P("bin/tool"), "+patched");
        var expected = TreeListing.Of(merged);

        var diff = new MemoryStream();
        var diffId = LayerDiff.Write(_overlay.UpperDir("c1"), diff);
        var names = EntryNames(diff.ToArray());
        Assert.Contains("etc/.wh.new", names);
        Assert.Contains("usr/share/.wh.doc", names);
        Assert.Contains("var/cache/.wh..wh..opq", names);

        var applied = LayerApplier.Apply(new MemoryStream(diff.ToArray()), _dir.Sub("layers/4"));
        Assert.Equal(diffId, applied.DiffId);
        Assert.True(Fs.Lstat(Path.Combine(_dir.Sub("layers/4"), "etc", "new"))!.Value.IsWhiteout);
        List<string> chain4 = [_dir.Sub("layers/4"), .. chain];

        _copy.Prepare("c2", chain4);
        Assert.Equal(expected, TreeListing.Of(_copy.RootDir("c2")));
        var remounted = MountOverlay("c2", chain4);
        Assert.Equal(expected, TreeListing.Of(remounted));
        Assert.Equal("container\n", File.ReadAllText(Path.Combine(remounted, "etc", "hostname")));
    }

    [Fact]
    public void Snapshots_UnmountAndRemove()
    {
        var chain = UnpackChain();
        var merged = MountOverlay("c1", chain);
        File.WriteAllText(Path.Combine(merged, "scratch"), "s");

        _overlay.Unmount(merged);
        _overlay.Unmount(merged);
        _overlay.Remove("c1");

        Assert.Empty(Directory.GetFileSystemEntries(merged));
        Assert.Equal(404, Assert.Throws<SnapshotException>(() => _overlay.Remove("c1")).StatusCode);
        Assert.Equal(404, Assert.Throws<SnapshotException>(() => _overlay.Mount("c1", merged)).StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Sub("overlay-root/snapshots")));
        Assert.Equal("k1", File.ReadAllText(Path.Combine(chain[^1], "opt/keep/k")));
    }

    [Fact]
    public void Prepare_RefusesDuplicateKeysAndTooManyLayers()
    {
        var chain = UnpackChain();
        _overlay.Prepare("c1", chain);

        Assert.Equal(409, Assert.Throws<SnapshotException>(() => _overlay.Prepare("c1", chain)).StatusCode);
        Assert.Equal(400, Assert.Throws<SnapshotException>(() => _overlay.Prepare("../x", chain)).StatusCode);
        var many = Enumerable.Repeat(chain[0], 200).ToList();
        var e = Assert.Throws<SnapshotException>(() => _overlay.Prepare("c2", many));
        Assert.Contains("over the kernel's limit", e.Message);
        Assert.False(Directory.Exists(_dir.Sub("overlay-root/snapshots/c2")));
    }

    [Fact]
    public void Prepare_WithoutLayers_MountsAnEmptyWritableRoot()
    {
        var merged = MountOverlay("scratch", []);
        File.WriteAllText(Path.Combine(merged, "f"), "f");
        Assert.True(File.Exists(Path.Combine(_overlay.UpperDir("scratch"), "f")));
    }

    private static List<string> EntryNames(byte[] tar)
    {
        using var reader = new TarReader(new MemoryStream(tar));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } e) names.Add(e.Name);
        return names;
    }
}

using System.Formats.Tar;
using Berth.Storage.Interop;
using Berth.Storage.Layers;
using Berth.Storage.Snapshots;
using Berth.Tests.Storage;

namespace Berth.IntegrationTests.Storage.Containers;

/// <summary>A container root on a real overlay mount: two image layers (the second deleting, hiding and replacing
/// what the first had) as lower dirs, a snapshot over them mounted at Root.</summary>
internal sealed class OverlayContainer : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly OverlaySnapshotter _overlay;

    internal static readonly byte[][] ImageLayers =
    [
        new TestTar()
            .Dir("etc/").File("etc/passwd", "root:x:0:0\n").File("etc/hostname", "base\n").File("etc/issue", "Welcome\n")
            .Dir("usr/local/").Dir("usr/share/doc/").File("usr/share/doc/a", "a")
            .Dir("var/cache/apk/").File("var/cache/apk/index", "i").File("var/cache/misc", "m")
            .Dir("media/cdrom/").Dir("opt/").File("opt/tool", "tool", mode: 0x1ED)
            .ToArray(),
        new TestTar()
            .Dir("etc/").File("etc/motd", "hello\n").Whiteout("etc/issue")
            .Dir("usr/share/doc/").Opaque("usr/share/doc").File("usr/share/doc/b", "b")
            .Symlink("etclink", "/etc").Symlink("escape", "../../../../etc/passwd").Symlink("dangling", "/nonexistent")
            .ToArray(),
    ];

    internal OverlayContainer()
    {
        Assert.True(Fs.IsRoot, "storage integration tests need root");
        Assert.True(OverlaySupport.IsAvailable(_dir.Path), "overlayfs is not available on /tmp");
        _overlay = new OverlaySnapshotter(_dir.Sub("snapshotter"));
        var lowers = new List<string>();
        for (var i = 0; i < ImageLayers.Length; i++)
        {
            var layer = _dir.Sub($"layers/{i}");
            LayerApplier.Apply(new MemoryStream(ImageLayers[i]), layer);
            lowers.Insert(0, layer);
        }
        Lowers = lowers;
        _overlay.Prepare("c", lowers);
        Root = _dir.Sub("rootfs");
        Directory.CreateDirectory(Root);
        _overlay.Mount("c", Root);
    }

    /// <summary>The mounted root filesystem.</summary>
    internal string Root { get; }

    /// <summary>The image's layer dirs, top first.</summary>
    internal IReadOnlyList<string> Lowers { get; }

    /// <summary>The snapshot's upper dir.</summary>
    internal string Upper => _overlay.UpperDir("c");

    /// <summary>A scratch directory beside the container.</summary>
    internal string Scratch(string name) => Directory.CreateDirectory(_dir.Sub(name)).FullName;

    /// <summary>The host path of a path in the container.</summary>
    internal string P(string path) => Path.Combine(Root, path.TrimStart('/'));

    public void Dispose()
    {
        _overlay.Unmount(Root);
        _dir.Dispose();
    }

    /// <summary>The entries of a tar: name, type and, for links, the target.</summary>
    internal static List<string> Entries(byte[] tar)
    {
        var names = new List<string>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
            names.Add(entry.EntryType switch
            {
                TarEntryType.SymbolicLink or TarEntryType.HardLink => $"{entry.Name} -> {entry.LinkName}",
                _ => entry.Name,
            });
        return names;
    }
}

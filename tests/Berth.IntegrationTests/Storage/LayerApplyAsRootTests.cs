using System.Formats.Tar;
using System.IO.Compression;
using Berth.Oci.Image;
using Berth.Storage.Interop;
using Berth.Storage.Layers;
using Berth.IntegrationTests.Support;
using Berth.Tests.Storage;

namespace Berth.IntegrationTests.Storage;

/// <summary>What only root can unpack: devices, foreign ownership, setuid bits, trusted xattrs, overlay whiteouts.</summary>
public sealed class LayerApplyAsRootTests : IDisposable
{
    private readonly TempDir _dir = new();

    public LayerApplyAsRootTests() => Assert.True(Fs.IsRoot, "storage integration tests need root");

    public void Dispose() => _dir.Dispose();

    private string Target => _dir.Sub("layer");

    private FileStat Stat(string relative) => Fs.Lstat(Path.Combine(Target, relative)) ?? throw new FileNotFoundException(relative);

    [Fact]
    public void Apply_RestoresDevicesOwnershipModesAndXattrs()
    {
        var tar = new TestTar()
            .Dir("dev/")
            .Device("dev/null", TarEntryType.CharacterDevice, 1, 3)
            .Device("dev/loop0", TarEntryType.BlockDevice, 7, 0, mode: 0x1B0)
            .Fifo("dev/initctl", mode: 0x180)
            .Dir("tmp/", mode: 0x3FF | 0x200)
            .File("bin/su", "su", mode: 0x9ED, uid: 0, gid: 0)
            .File("bin/sgid", "g", mode: 0x5ED)
            .File("home/u/file", "mine", uid: 1000, gid: 2000, xattrs: new() { ["user.note"] = "hi", ["trusted.tag"] = "t" })
            .Symlink("home/u/link", "file")
            .ToArray();

        LayerApplier.Apply(new MemoryStream(tar), Target);

        Assert.Equal((Libc.S_IFCHR, 1u, 3u, 0x1B6u), (Stat("dev/null").Type, Stat("dev/null").RdevMajor, Stat("dev/null").RdevMinor, Stat("dev/null").Permissions));
        Assert.Equal((Libc.S_IFBLK, 7u, 0u, 0x1B0u), (Stat("dev/loop0").Type, Stat("dev/loop0").RdevMajor, Stat("dev/loop0").RdevMinor, Stat("dev/loop0").Permissions));
        Assert.Equal(Libc.S_IFIFO, Stat("dev/initctl").Type);
        Assert.Equal(0x3FFu | 0x200, Stat("tmp").Permissions);
        Assert.Equal(0x9EDu, Stat("bin/su").Permissions);
        Assert.Equal(0x5EDu, Stat("bin/sgid").Permissions);
        Assert.Equal((1000u, 2000u), (Stat("home/u/file").Uid, Stat("home/u/file").Gid));
        Assert.Equal("hi"u8.ToArray(), Fs.GetXattr(Path.Combine(Target, "home/u/file"), "user.note"));
        Assert.Equal("t"u8.ToArray(), Fs.GetXattr(Path.Combine(Target, "home/u/file"), "trusted.tag"));
    }

    [Fact]
    public void Apply_TurnsOciWhiteoutsIntoOverlayWhiteouts()
    {
        var tar = new TestTar().Dir("etc/").Whiteout("etc/passwd").Dir("var/cache/").Opaque("var/cache").File("var/cache/new", "n").ToArray();

        LayerApplier.Apply(new MemoryStream(tar), Target);

        Assert.True(Stat("etc/passwd").IsWhiteout);
        Assert.False(File.Exists(Path.Combine(Target, "etc", ".wh.passwd")));
        Assert.Equal("y"u8.ToArray(), Fs.GetXattr(Path.Combine(Target, "var", "cache"), Whiteouts.OpaqueXattr));
        Assert.Equal(["new"], Directory.GetFileSystemEntries(Path.Combine(Target, "var", "cache")).Select(Path.GetFileName));
    }

    [Fact]
    public void Apply_DropsOverlayXattrsALayerTriesToSet()
    {
        var tar = new TestTar().Dir("d/", xattrs: new() { ["trusted.overlay.opaque"] = "y", ["trusted.overlay.redirect"] = "/etc" }).ToArray();

        LayerApplier.Apply(new MemoryStream(tar), Target);

        Assert.DoesNotContain(Fs.ListXattrs(Path.Combine(Target, "d")), x => x.StartsWith("trusted.overlay.", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_AlpineMinirootfs()
    {
        var tarball = TestPaths.AlpineTarball;
        Assert.True(File.Exists(tarball), $"Alpine minirootfs not found at {tarball}: set BERTH_IMAGES_DIR to the shared images folder");
        Digest expected;
        using (var gz = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress)) expected = Digest.Of(gz);

        LayerApplyResult result;
        using (var layer = File.OpenRead(tarball)) result = LayerApplier.Apply(layer, Target);

        Assert.Equal(expected, result.DiffId);
        Assert.StartsWith("3.20.3", File.ReadAllText(Path.Combine(Target, "etc", "alpine-release")));
        Assert.Equal("/bin/busybox", Fs.ReadLink(Path.Combine(Target, "bin", "sh")));
        var size = LayerSize.Of(Target);
        Assert.True(size > 1_000_000, $"unpacked size {size}");
        Assert.Equal(0x3FFu | 0x200, Stat("tmp").Permissions);
    }
}

using System.Security.Cryptography;
using Berth.Oci.Image;
using Berth.Storage;
using Berth.Storage.Layers;
using Berth.Tests.Storage;

namespace Berth.UnitTests.Storage;

public sealed class LayerApplierTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Target => _dir.Sub("layer");

    private static byte[] SampleTar() => new TestTar()
        .Dir("etc/")
        .File("etc/hostname", "box\n")
        .File("etc/motd", "welcome, welcome\n", mode: 0x1ED)
        .Symlink("etc/issue", "motd")
        .Hardlink("etc/hostname.bak", "etc/hostname")
        .Dir("var/empty/", mode: 0x16D)
        .File("bin/implicit-parent", "#!/bin/sh\n")
        .ToArray();

    [Theory]
    [InlineData("none")]
    [InlineData("gzip")]
    [InlineData("zstd")]
    public void Apply_DetectsCompressionAndReturnsDiffIdOfTheUncompressedTar(string compression)
    {
        var tar = SampleTar();
        var layer = compression switch { "gzip" => TestTar.Gzip(tar), "zstd" => TestTar.Zstd(tar), _ => tar };
        Assert.Equal(compression, LayerDecompression.Detect(layer));

        var result = LayerApplier.Apply(new MemoryStream(layer), Target);

        Assert.Equal(Digest.Of(tar), result.DiffId);
        // Regular files, the symlink's target length, and the hard-linked file once.
        Assert.Equal("box\n".Length + "welcome, welcome\n".Length + "#!/bin/sh\n".Length + "motd".Length, LayerSize.Of(Target));
        Assert.Equal("box\n", File.ReadAllText(Path.Combine(Target, "etc", "hostname")));
        Assert.Equal("motd", new FileInfo(Path.Combine(Target, "etc", "issue")).LinkTarget);
        Assert.Equal("box\n", File.ReadAllText(Path.Combine(Target, "etc", "hostname.bak")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(Path.Combine(Target, "etc", "motd")));
        Assert.Equal((UnixFileMode)0x16D, File.GetUnixFileMode(Path.Combine(Target, "var", "empty")));
        Assert.Equal(new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), Directory.GetLastWriteTimeUtc(Path.Combine(Target, "etc")));
        Assert.Empty(Directory.GetDirectories(_dir.Path, "layer.tmp-*"));
    }

    [Fact]
    public void Apply_HardlinksShareTheInode()
    {
        LayerApplier.Apply(new MemoryStream(SampleTar()), Target);

        File.AppendAllText(Path.Combine(Target, "etc", "hostname"), "more");
        Assert.Equal("box\nmore", File.ReadAllText(Path.Combine(Target, "etc", "hostname.bak")));
    }

    [Fact]
    public void TruncatedGzip_IsA400AndLeavesNothing()
    {
        var gz = TestTar.Gzip(new TestTar().File("big", new string('x', 100_000)).File("after", "y").ToArray());
        var cut = gz[..(gz.Length / 2)];

        var e = Assert.Throws<InvalidLayerException>(() => LayerApplier.Apply(new MemoryStream(cut), Target));

        Assert.Equal(400, e.StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void TarCutAtAnEntryBoundary_IsA400()
    {
        var tar = new TestTar().File("a", "a").File("b", "b").ToArray();
        var cut = tar[..1536]; // the PAX header, the header and the data block of "a": no end-of-archive marker

        var e = Assert.Throws<InvalidLayerException>(() => LayerApplier.Apply(new MemoryStream(cut), Target));

        Assert.Contains("truncated", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Garbage_IsA400()
    {
        var garbage = RandomNumberGenerator.GetBytes(4096);
        garbage[0] = 0x42;

        var e = Assert.Throws<InvalidLayerException>(() => LayerApplier.Apply(new MemoryStream(garbage), Target));

        Assert.Equal(400, e.StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void CorruptZstd_IsA400()
    {
        var zst = TestTar.Zstd(SampleTar());
        zst[^8] ^= 0xFF;
        zst[20] ^= 0xFF;

        Assert.Throws<InvalidLayerException>(() => LayerApplier.Apply(new MemoryStream(zst), Target));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void EmptyLayer_HasTheDiffIdOfTheEmptyTar()
    {
        var tar = new byte[1024]; // what Go's archive/tar (and so Docker) writes for a layer without files

        var result = LayerApplier.Apply(new MemoryStream(tar), Target);

        Assert.Equal(Digest.Of(new byte[1024]), result.DiffId);
        Assert.Equal(0, LayerSize.Of(Target));
        Assert.Empty(Directory.GetFileSystemEntries(Target));
    }

    [Fact]
    public void RemoveLeftovers_SweepsHalfUnpackedLayers()
    {
        Directory.CreateDirectory(_dir.Sub("abc.tmp-0123/etc"));
        Directory.CreateDirectory(_dir.Sub("def"));

        LayerApplier.RemoveLeftovers(_dir.Path);

        Assert.Equal(["def"], Directory.GetDirectories(_dir.Path).Select(Path.GetFileName));
    }
}

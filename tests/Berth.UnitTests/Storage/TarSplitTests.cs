using System.Formats.Tar;
using System.Text;
using Berth.Oci.Image;
using Berth.Storage;
using Berth.Storage.Layers;
using Berth.Tests.Storage;

namespace Berth.UnitTests.Storage;

/// <summary>The tar-split kept at apply gives back the layer's original tar, byte for byte, from the unpacked files;
/// when it cannot, saving fails with a message naming the layer instead of writing a different tar.</summary>
public sealed class TarSplitTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Target => _dir.Sub("layer");

    private byte[] RoundTrip(byte[] layer)
    {
        var applied = LayerApplier.Apply(new MemoryStream(layer), Target);
        var split = LayerTarSplit.Open(Target, "sha256:test", applied.DiffId);
        var output = new MemoryStream();
        split.WriteTar(output);
        Assert.Equal(split.TarLength, output.Length);
        return output.ToArray();
    }

    private static byte[] Tar(TarEntryFormat format, params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, format, leaveOpen: true))
            foreach (var entry in entries) writer.WriteEntry(entry);
        return buffer.ToArray();
    }

    private static T WithData<T>(T entry, string content) where T : TarEntry
    {
        entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return entry;
    }

    private static readonly string LongName = string.Join('/', Enumerable.Repeat("a-rather-long-directory-name", 6)) + "/file.txt";

    [Fact]
    public void RoundTrip_PaxTarWithLinksEmptyFilesAndXattrs()
    {
        var tar = new TestTar()
            .Dir("etc/").File("etc/hostname", "box\n").File("etc/empty", "")
            .Symlink("etc/issue", "hostname").Hardlink("etc/hostname.bak", "etc/hostname")
            .File("var/lib/data.bin", new string('x', 70_000), xattrs: new() { ["user.note"] = "kept" })
            .Dir("var/empty/", mode: 0x16D)
            .ToArray();

        Assert.Equal(tar, RoundTrip(tar));
        Assert.True(new FileInfo(LayerTarSplit.PathFor(Target)).Length < 4096, "file content is referenced, not copied");
    }

    [Fact]
    public void RoundTrip_LongNamesThroughPaxRecords()
    {
        var tar = Tar(TarEntryFormat.Pax,
            WithData(new PaxTarEntry(TarEntryType.RegularFile, LongName), "deep"),
            new PaxTarEntry(TarEntryType.SymbolicLink, LongName + ".link") { LinkName = LongName },
            new PaxTarEntry(TarEntryType.HardLink, "short-hardlink") { LinkName = LongName });

        Assert.Equal(tar, RoundTrip(tar));
        Assert.Equal("deep", File.ReadAllText(Path.Combine(Target, LongName)));
    }

    [Fact]
    public void RoundTrip_LongNamesThroughGnuRecords()
    {
        var tar = Tar(TarEntryFormat.Gnu,
            new GnuTarEntry(TarEntryType.Directory, "top/"),
            WithData(new GnuTarEntry(TarEntryType.RegularFile, LongName), "gnu"),
            new GnuTarEntry(TarEntryType.SymbolicLink, "top/link") { LinkName = "../" + LongName },
            WithData(new GnuTarEntry(TarEntryType.RegularFile, "top/empty"), ""));

        Assert.Equal(tar, RoundTrip(tar));
    }

    [Fact]
    public void RoundTrip_UstarAndV7Entries()
    {
        var ustar = Tar(TarEntryFormat.Ustar,
            WithData(new UstarTarEntry(TarEntryType.RegularFile, "usr/share/" + new string('p', 90) + "/file"), "prefix field"));
        Assert.Equal(ustar, RoundTrip(ustar));

        Directory.Delete(Target, recursive: true);
        var v7 = Tar(TarEntryFormat.V7, WithData(new V7TarEntry(TarEntryType.V7RegularFile, "old/file"), "v7"));
        Assert.Equal(v7, RoundTrip(v7));
    }

    [Fact]
    public void RoundTrip_KeepsPaddingAfterTheEndBlocks()
    {
        // GNU tar pads archives to its 10 KiB record size; those zeros are part of the DiffID.
        var tar = new TestTar().File("a", "a").ToArray();
        var padded = new byte[10240];
        tar.CopyTo(padded, 0);

        Assert.Equal(padded, RoundTrip(padded));
    }

    [Fact]
    public void RoundTrip_OfACompressedLayer_GivesTheUncompressedTar()
    {
        var tar = new TestTar().File("bin/tool", "tool").ToArray();

        Assert.Equal(tar, RoundTrip(TestTar.Gzip(tar)));
    }

    [Fact]
    public void Save_OfAFileChangedAfterApply_FailsNamingTheLayer()
    {
        var tar = new TestTar().File("etc/motd", "hello").ToArray();
        var applied = LayerApplier.Apply(new MemoryStream(tar), Target);
        File.WriteAllText(Path.Combine(Target, "etc", "motd"), "HELLO");

        var split = LayerTarSplit.Open(Target, "sha256:abc", applied.DiffId);
        var error = Assert.Throws<LayerReassemblyException>(() => split.WriteTar(new MemoryStream()));
        Assert.Equal(500, error.StatusCode);
        Assert.Contains("layer sha256:abc cannot be saved", error.Message);
        Assert.Contains("hashes to", error.Message);

        File.WriteAllText(Path.Combine(Target, "etc", "motd"), "longer now");
        Assert.Contains("\"etc/motd\" has 10 bytes", Assert.Throws<LayerReassemblyException>(() => split.WriteTar(new MemoryStream())).Message);
    }

    [Fact]
    public void Save_NeverFollowsASymlinkOutOfTheLayer()
    {
        var tar = new TestTar().File("etc/passwd", "mine").ToArray();
        var applied = LayerApplier.Apply(new MemoryStream(tar), Target);
        Directory.Delete(Path.Combine(Target, "etc"), recursive: true);
        var outside = _dir.Sub("outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "passwd"), "host");
        File.CreateSymbolicLink(Path.Combine(Target, "etc"), outside);

        var error = Assert.Throws<LayerReassemblyException>(() => LayerTarSplit.Open(Target, "sha256:abc", applied.DiffId).WriteTar(new MemoryStream()));
        Assert.Contains("\"etc/passwd\" is missing or no longer a regular file", error.Message);
    }

    [Fact]
    public void Apply_OfATarThatReplacesItsOwnFile_RecordsThatItCannotBeSaved()
    {
        var tar = new TestTar().File("dir/a", "first").File("dir/a", "second").ToArray();
        var applied = LayerApplier.Apply(new MemoryStream(tar), Target);

        Assert.Equal("second", File.ReadAllText(Path.Combine(Target, "dir", "a")));
        var error = Assert.Throws<LayerReassemblyException>(() => LayerTarSplit.Open(Target, "sha256:abc", applied.DiffId));
        Assert.Contains("replaces or deletes it", error.Message);
    }

    [Fact]
    public void Open_WithoutATarSplit_SaysTheLayerPredatesIt()
    {
        var applied = LayerApplier.Apply(new MemoryStream(new TestTar().File("a", "a").ToArray()), Target);
        File.Delete(LayerTarSplit.PathFor(Target));

        var error = Assert.Throws<LayerReassemblyException>(() => LayerTarSplit.Open(Target, "sha256:old", applied.DiffId));
        Assert.Equal("layer sha256:old cannot be saved: it was stored before Berth kept the data to rebuild its tar (tar-split); remove the image and load it again", error.Message);
    }

    [Fact]
    public void Open_OfAnotherLayersTarSplit_IsRefused()
    {
        LayerApplier.Apply(new MemoryStream(new TestTar().File("a", "a").ToArray()), Target);

        var error = Assert.Throws<LayerReassemblyException>(() => LayerTarSplit.Open(Target, "sha256:x", Digest.Of("other"u8)));
        Assert.Contains("damaged", error.Message);
    }

    [Fact]
    public void Apply_ThatFails_LeavesNoTarSplitBehind()
    {
        var tar = new TestTar().File("a", "a").ToArray();

        Assert.ThrowsAny<StorageException>(() => LayerApplier.Apply(new MemoryStream(tar[..600]), Target));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void Delete_RemovesTheLayerAndItsTarSplit()
    {
        LayerApplier.Apply(new MemoryStream(new TestTar().File("a", "a").ToArray()), Target);
        Assert.True(File.Exists(LayerTarSplit.PathFor(Target)));

        LayerApplier.Delete(Target);

        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }
}

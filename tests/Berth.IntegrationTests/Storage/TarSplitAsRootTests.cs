using System.Formats.Tar;
using Berth.Storage.Interop;
using Berth.Storage.Layers;
using Berth.Tests.Storage;

namespace Berth.IntegrationTests.Storage;

/// <summary>The tar-split round trip for what only root can unpack: whiteouts (which become devices and xattrs on
/// disk, yet must come back as the very .wh. entries), devices, fifos, foreign owners and trusted xattrs.</summary>
public sealed class TarSplitAsRootTests : IDisposable
{
    private readonly TempDir _dir = new();

    public TarSplitAsRootTests() => Assert.True(Fs.IsRoot, "storage integration tests need root");

    public void Dispose() => _dir.Dispose();

    private string Target => _dir.Sub("layer");

    [Fact]
    public void RoundTrip_WhiteoutsOpaqueDirsDevicesAndFifos()
    {
        var tar = new TestTar()
            .Dir("etc/").Whiteout("etc/passwd").File("etc/hostname", "changed\n")
            .Dir("usr/share/").Whiteout("usr/share/doc")
            .Dir("var/cache/").Opaque("var/cache").File("var/cache/z", "z")
            .Dir("dev/").Device("dev/null", TarEntryType.CharacterDevice, 1, 3).Device("dev/sda", TarEntryType.BlockDevice, 8, 0)
            .Fifo("dev/initctl")
            .File("home/u/file", "mine", uid: 1000, gid: 2000, mode: 0x9ED, xattrs: new() { ["trusted.tag"] = "t" })
            .ToArray();

        var applied = LayerApplier.Apply(new MemoryStream(tar), Target);
        Assert.True(Fs.Lstat(Path.Combine(Target, "etc", "passwd"))!.Value.IsWhiteout);
        var output = new MemoryStream();
        LayerTarSplit.Open(Target, "sha256:w", applied.DiffId).WriteTar(output);

        Assert.Equal(tar, output.ToArray());
    }

    [Fact]
    public void ALayerThatWhitesOutItsOwnFile_IsRecordedAsNotReproducible()
    {
        var tar = new TestTar().Dir("etc/").File("etc/tmp", "gone").Whiteout("etc/tmp").ToArray();

        var applied = LayerApplier.Apply(new MemoryStream(tar), Target);

        var error = Assert.Throws<LayerReassemblyException>(() => LayerTarSplit.Open(Target, "sha256:w", applied.DiffId));
        Assert.Contains("replaces or deletes it", error.Message);
    }
}

using Berth.Storage;
using Berth.Storage.Layers;
using Berth.Tests.Storage;

namespace Berth.UnitTests.Storage;

public sealed class LayerSecurityTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Target => _dir.Sub("layer");

    private InvalidLayerException Refused(TestTar tar)
    {
        var e = Assert.Throws<InvalidLayerException>(() => LayerApplier.Apply(new MemoryStream(tar.ToArray()), Target));
        Assert.Equal(400, e.StatusCode);
        Assert.False(Directory.Exists(Target));
        var left = Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName).Where(n => n != "outside").ToArray();
        Assert.True(left.Length == 0, "left behind: " + string.Join(", ", left));
        return e;
    }

    [Fact]
    public void DotDot_IsRefused()
    {
        var e = Refused(new TestTar().File("ok", "fine").File("../x", "evil"));
        Assert.Equal("layer entry \"../x\": path escapes the layer", e.Message);
        Assert.False(File.Exists(_dir.Sub("x")));
    }

    [Fact]
    public void DotDotInTheMiddle_IsRefused()
    {
        var e = Refused(new TestTar().Dir("a/").File("a/../../x", "evil"));
        Assert.Contains("escapes the layer", e.Message);
    }

    [Fact]
    public void AbsolutePath_IsRefused()
    {
        var e = Refused(new TestTar().File("/abs", "evil"));
        Assert.Equal("layer entry \"/abs\": path escapes the layer (absolute)", e.Message);
    }

    [Fact]
    public void WritingThroughASymlinkOfTheLayer_IsRefused()
    {
        var outside = _dir.Sub("outside");
        Directory.CreateDirectory(outside);
        var e = Refused(new TestTar().Symlink("a", outside).File("a/passwd", "root::0:0::/:/bin/sh"));

        Assert.Equal("layer entry \"a/passwd\": parent \"a\" is a symlink", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(outside));
    }

    [Fact]
    public void WritingThroughARelativeSymlinkToEtc_IsRefused()
    {
        var e = Refused(new TestTar().Symlink("a", "/etc").Dir("a/sub/").File("a/sub/x", ""));
        Assert.Contains("parent \"a\" is a symlink", e.Message);
        Assert.False(Directory.Exists("/etc/sub"));
    }

    [Fact]
    public void HardlinkOutsideTheLayer_IsRefused()
    {
        var e = Refused(new TestTar().Hardlink("h", "../../x"));
        Assert.Equal("layer entry \"h\": hardlink target escapes the layer", e.Message);
    }

    [Fact]
    public void HardlinkThroughASymlink_IsRefused()
    {
        var e = Refused(new TestTar().Symlink("etc", "/etc").Hardlink("shadow", "etc/shadow"));
        Assert.Contains("hardlink target goes through the symlink \"etc\"", e.Message);
    }

    [Fact]
    public void HardlinkToAMissingFile_IsRefused()
    {
        var e = Refused(new TestTar().Hardlink("h", "nowhere"));
        Assert.Contains("hardlink target \"nowhere\" is not in this layer", e.Message);
    }

    [Fact]
    public void ASymlinkReplacedByADirectory_CanBeWrittenInto()
    {
        LayerApplier.Apply(new MemoryStream(new TestTar().Symlink("a", "/etc").Dir("a/").File("a/passwd", "x").ToArray()), Target);

        Assert.Equal("x", File.ReadAllText(Path.Combine(Target, "a", "passwd")));
        Assert.Null(new DirectoryInfo(Path.Combine(Target, "a")).LinkTarget);
    }

    [Fact]
    public void ExistingTarget_IsAConflict()
    {
        Directory.CreateDirectory(Target);
        var e = Assert.Throws<StorageException>(() => LayerApplier.Apply(new MemoryStream(new TestTar().ToArray()), Target));
        Assert.Equal(409, e.StatusCode);
    }
}

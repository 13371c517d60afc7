using Berth.Oci.Image;
using Berth.Storage.Layers;
using Berth.Tests.Storage;

namespace Berth.UnitTests.Storage;

public sealed class LayerDiffTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Upper => _dir.Sub("upper");

    private void MakeUpper()
    {
        Directory.CreateDirectory(Path.Combine(Upper, "etc", "conf.d"));
        File.WriteAllText(Path.Combine(Upper, "etc", "hostname"), "box");
        File.WriteAllText(Path.Combine(Upper, "etc", "conf.d", "a.conf"), "a=1");
        File.SetUnixFileMode(Path.Combine(Upper, "etc", "conf.d", "a.conf"), (UnixFileMode)0x180);
        File.CreateSymbolicLink(Path.Combine(Upper, "etc", "link"), "hostname");
        File.WriteAllText(Path.Combine(Upper, "z"), "zz");
        Berth.Storage.Interop.Fs.Link(Path.Combine(Upper, "z"), Path.Combine(Upper, "a-hardlink"));
    }

    [Fact]
    public void Diff_ThenApply_GivesTheSameTree()
    {
        MakeUpper();
        var tar = new MemoryStream();

        var diffId = LayerDiff.Write(Upper, tar);
        var result = LayerApplier.Apply(new MemoryStream(tar.ToArray()), _dir.Sub("applied"));

        Assert.Equal(Digest.Of(tar.ToArray()), diffId);
        Assert.Equal(diffId, result.DiffId);
        Assert.Equal(TreeListing.Of(Upper), TreeListing.Of(_dir.Sub("applied")));
    }

    [Fact]
    public void Diff_IsDeterministicAndSorted()
    {
        MakeUpper();
        var first = new MemoryStream();
        var second = new MemoryStream();

        LayerDiff.Write(Upper, first);
        LayerDiff.Write(Upper, second);

        Assert.Equal(first.ToArray(), second.ToArray());
        first.Position = 0;
        using var reader = new System.Formats.Tar.TarReader(first);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } e) names.Add(e.Name + (e.EntryType == System.Formats.Tar.TarEntryType.HardLink ? " => " + e.LinkName : ""));
        Assert.Equal(["a-hardlink", "etc/", "etc/conf.d/", "etc/conf.d/a.conf", "etc/hostname", "etc/link", "z => a-hardlink"], names);
    }
}

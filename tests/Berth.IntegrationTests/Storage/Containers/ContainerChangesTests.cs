using Berth.Storage.Containers;
using Berth.Storage.Interop;

namespace Berth.IntegrationTests.Storage.Containers;

/// <summary>`docker diff` from a real overlay upper dir, checked against the expected list and against a naive
/// comparison of the whole mounted tree with the image's (what dockerd 20.10 computes).</summary>
public sealed class ContainerChangesTests : IDisposable
{
    private readonly OverlayContainer _c = new();

    public void Dispose() => _c.Dispose();

    private void MakeChanges()
    {
        File.WriteAllText(_c.P("etc/newfile"), "new");
        File.AppendAllText(_c.P("etc/hostname"), "changed\n");
        File.Delete(_c.P("etc/passwd"));
        Directory.CreateDirectory(_c.P("usr/local/a/b"));
        File.WriteAllText(_c.P("usr/local/a/b/c"), "c");
        Directory.Delete(_c.P("var/cache"), recursive: true);
        Directory.CreateDirectory(_c.P("var/cache"));
        File.WriteAllText(_c.P("var/cache/z"), "z");
        Directory.Delete(_c.P("media/cdrom"));
        File.CreateSymbolicLink(_c.P("lnk"), "/etc/shadow");
        Fs.Chmod(_c.P("opt/tool"), 0x1C0);
    }

    [Fact]
    public void Changes_ReportAddedModifiedAndDeletedWithTheirParentsFirst()
    {
        MakeChanges();

        var changes = ContainerChanges.Of(_c.Upper, _c.Lowers).Select(c => $"{"CAD"[(int)c.Kind]} {c.Path}").ToList();

        Assert.Equal(
        [
            "C /etc", "C /etc/hostname", "A /etc/newfile", "D /etc/passwd",
            "A /lnk",
            "C /media", "D /media/cdrom",
            "C /opt", "C /opt/tool",
            "C /usr", "C /usr/local", "A /usr/local/a", "A /usr/local/a/b", "A /usr/local/a/b/c",
            "C /var", "C /var/cache", "A /var/cache/z", "D /var/cache/apk", "D /var/cache/misc",
        ], changes);
    }

    [Fact]
    public void Changes_MatchANaiveComparisonOfTheMountedTrees()
    {
        MakeChanges();
        // The image alone, as a read-only overlay of its layers.
        var image = _c.Scratch("image");
        Fs.Check(Libc.mount("overlay", image, "overlay", Libc.MS_RDONLY, "lowerdir=" + string.Join(':', _c.Lowers)), "mount", image);
        try
        {
            var expected = NaiveChanges.Of(image, _c.Root).Order().ToList();
            var actual = ContainerChanges.Of(_c.Upper, _c.Lowers).Select(c => $"{"CAD"[(int)c.Kind]} {c.Path}").Order().ToList();
            Assert.Equal(expected, actual);
        }
        finally
        {
            Libc.umount2(image, Libc.MNT_DETACH);
        }
    }

    [Fact]
    public void Changes_OfAnUntouchedContainerAreEmpty()
    {
        Assert.Empty(ContainerChanges.Of(_c.Upper, _c.Lowers));
    }

    [Fact]
    public void Changes_SeeTheImagesOwnWhiteoutsAndOpaqueDirectories()
    {
        // The image hid etc/issue and usr/share/doc/a; recreating them is an addition, not a change.
        File.WriteAllText(_c.P("etc/issue"), "again");
        File.WriteAllText(_c.P("usr/share/doc/a"), "again");

        var changes = ContainerChanges.Of(_c.Upper, _c.Lowers).Select(c => $"{"CAD"[(int)c.Kind]} {c.Path}").ToList();

        Assert.Equal(["C /etc", "A /etc/issue", "C /usr", "C /usr/share", "C /usr/share/doc", "A /usr/share/doc/a"], changes);
    }
}

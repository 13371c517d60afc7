using System.Formats.Tar;
using Berth.Storage.Containers;

namespace Berth.UnitTests.Storage.Containers;

public sealed class TarEntryCheckTests
{
    private static PaxTarEntry Entry(string name, TarEntryType type = TarEntryType.RegularFile, string link = "")
    {
        var entry = new PaxTarEntry(type, name);
        if (link.Length > 0) entry.LinkName = link;
        return entry;
    }

    [Theory]
    [InlineData("a/b", "/dst", "/dst/a/b")]
    [InlineData("./a", "/dst", "/dst/a")]
    [InlineData("/abs", "/dst", "/dst/abs")]
    [InlineData("a/../b", "/dst", "/dst/b")]
    [InlineData("./", "/dst", "/dst")]
    [InlineData("x", "/", "/x")]
    public void Target_JoinsTheNameToTheDestination(string name, string destination, string expected)
        => Assert.Equal(expected, TarEntryCheck.Target(Entry(name), destination));

    [Theory]
    [InlineData("../evil", "/dst", "\"../evil\" is outside of \"/dst\"")]
    [InlineData("../evil", "/", "\"../evil\" is outside of \"/\"")]
    [InlineData("a/../../../x", "/dst", "\"../../x\" is outside of \"/dst\"")]
    [InlineData("../dstx/f", "/dst", "\"../dstx/f\" is outside of \"/dst\"")]
    public void Target_RefusesNamesLeavingTheDestination(string name, string destination, string problem)
    {
        var e = Assert.Throws<ContainerArchiveException>(() => TarEntryCheck.Target(Entry(name), destination));
        Assert.Equal((500, "Error processing tar file(exit status 1): " + problem), (e.StatusCode, e.Message));
    }

    [Fact]
    public void Target_RefusesARelativeSymlinkLeavingTheDestinationButNotAnAbsoluteOne()
    {
        Assert.Equal("/dst/s", TarEntryCheck.Target(Entry("s", TarEntryType.SymbolicLink, "/etc/shadow"), "/dst"));
        Assert.Equal("/dst/a/s", TarEntryCheck.Target(Entry("a/s", TarEntryType.SymbolicLink, "../b"), "/dst"));
        var e = Assert.Throws<ContainerArchiveException>(() => TarEntryCheck.Target(Entry("s", TarEntryType.SymbolicLink, "../x"), "/dst"));
        Assert.EndsWith("invalid symlink \"/dst/s\" -> \"../x\"", e.Message);
    }

    [Fact]
    public void Target_RefusesAHardlinkToAFileOutsideTheDestination()
    {
        Assert.Equal("/dst/h", TarEntryCheck.Target(Entry("h", TarEntryType.HardLink, "a/f"), "/dst"));
        var e = Assert.Throws<ContainerArchiveException>(() => TarEntryCheck.Target(Entry("h", TarEntryType.HardLink, "../etc/passwd"), "/dst"));
        Assert.EndsWith("invalid hardlink \"/etc/passwd\" -> \"../etc/passwd\"", e.Message);
    }
}

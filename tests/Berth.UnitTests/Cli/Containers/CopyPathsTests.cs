using Berth.Cli.CommandLine;
using Berth.Cli.Commands.Containers.Copy;

namespace Berth.UnitTests.Cli.Containers;

/// <summary>docker's copy path rules: Go's Clean/Base, "dir/." versus "dir", and where PrepareArchiveCopy extracts.</summary>
public sealed class CopyPathsTests
{
    [Theory]
    [InlineData("", ".")]
    [InlineData("a//b/./c/", "a/b/c")]
    [InlineData("/../a/..", "/")]
    [InlineData("../a/../..", "../..")]
    public void Clean_IsGoFilepathClean(string path, string expected) => Assert.Equal(expected, CopyPaths.Clean(path));

    [Theory]
    [InlineData("/d/.", "/d", ".")]
    [InlineData("/d/", "/", "d")]
    [InlineData("d", ".", "d")]
    [InlineData("", ".", ".")]
    public void SplitDirEntry_KeepsTheCurrentDirectoryElement(string path, string dir, string entry) =>
        Assert.Equal((dir, entry), CopyPaths.SplitDirEntry(path));

    [Fact]
    public void ResolveLocal_KeepsTrailingDotAndSeparator()
    {
        Assert.Equal("/x/d/.", CopyPaths.PreserveTrailing("/x/d", "d/."));
        Assert.Equal("/x/d/", CopyPaths.PreserveTrailing("/x/d", "d/"));
    }

    [Fact]
    public void Prepare_FollowsDockersCases()
    {
        var file = new CopyInfo("/src/f", true, false);
        var dir = new CopyInfo("/src/d", true, true);
        Assert.Equal(("/dst", ((string, string)?)null), CopyInfo.Prepare(file, new CopyInfo("/dst", true, true)));
        Assert.Equal(("/", ("f", "new")), CopyInfo.Prepare(file, new CopyInfo("/new", false, false)));
        Assert.Equal(("/", ("d", "new")), CopyInfo.Prepare(dir, new CopyInfo("/new", false, false)));
        Assert.Equal(("/", ("f", "existing")), CopyInfo.Prepare(file, new CopyInfo("/existing", true, false)));
        Assert.Equal("cannot copy directory", Assert.Throws<CliError>(() => CopyInfo.Prepare(dir, new CopyInfo("/existing", true, false))).Message);
        Assert.Equal("no such directory", Assert.Throws<CliError>(() => CopyInfo.Prepare(file, new CopyInfo("/new/", false, false))).Message);
    }

    [Theory]
    [InlineData("/abs:x", null, "/abs:x")]
    [InlineData("./a:b", null, "./a:b")]
    [InlineData("c1:/d", "c1", "/d")]
    [InlineData("plain", null, "plain")]
    public void Split_TellsContainerFromLocalPaths(string argument, string? container, string path) =>
        Assert.Equal((container, path), CopyCommand.Split(argument));
}

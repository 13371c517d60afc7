using Berth.Storage.Containers;
using Berth.Storage.Interop;
using Berth.Tests.Storage;

namespace Berth.IntegrationTests.Storage.Containers;

/// <summary>`docker cp` on a real overlay root: paths resolved inside the root, dockerd's names, statuses and
/// messages, and tars that would write outside the destination refused before anything is written.</summary>
public sealed class ContainerArchiveTests : IDisposable
{
    private readonly OverlayContainer _c = new();

    public void Dispose() => _c.Dispose();

    private byte[] Get(string path)
    {
        var archive = ContainerArchive.Open(_c.Root, path, "c1");
        var output = new MemoryStream();
        archive.WriteTo(output);
        return output.ToArray();
    }

    [Fact]
    public void Stat_OfASymlinkPointingOutside_NamesItsTargetInsideTheContainer()
    {
        var stat = ContainerArchive.StatPath(_c.Root, "/escape", "c1");

        Assert.Equal("escape", stat.Name);
        Assert.Equal("/etc/passwd", stat.LinkTarget);
        Assert.Equal((1u << 27) | 0x1FF, stat.Mode);
        Assert.Equal(stat, ContainerPathStat.FromHeaderValue(stat.HeaderValue()) with { Mtime = stat.Mtime });
    }

    [Fact]
    public void Get_OfASymlink_IsTheSymlinkItself()
    {
        Assert.Equal(["escape -> ../../../../etc/passwd"], OverlayContainer.Entries(Get("/escape")));
    }

    [Fact]
    public void Get_ThroughASymlinkedDirectory_StaysInTheContainer()
    {
        Assert.Equal(["passwd"], OverlayContainer.Entries(Get("/etclink/../../../etc/passwd")));
        var entries = OverlayContainer.Entries(Get("/etclink/"));
        Assert.Equal("etclink/", entries[0]);
        Assert.Contains("etclink/motd", entries);
    }

    [Fact]
    public void Get_NamesEntriesAsDockerdDoes()
    {
        Assert.Equal(["etc/", "etc/hostname", "etc/motd", "etc/passwd"], OverlayContainer.Entries(Get("/etc")));
        Assert.Equal(["./", "./hostname", "./motd", "./passwd"], OverlayContainer.Entries(Get("/etc/.")));
        Assert.Equal("/", OverlayContainer.Entries(Get("/"))[0]);
        Assert.Contains("/etc/motd", OverlayContainer.Entries(Get("/")));
        Assert.Equal(".", ContainerArchive.StatPath(_c.Root, "/etc/.", "c1").Name);
        Assert.Equal("/", ContainerArchive.StatPath(_c.Root, "/", "c1").Name);
        Assert.Equal(0x800001EDu, ContainerArchive.StatPath(_c.Root, "/etc", "c1").Mode);
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/dangling/")]
    [InlineData("/etc/nope/x")]
    public void Get_OfAMissingPath_Is404(string path)
    {
        var e = Assert.Throws<ContainerFileNotFoundException>(() => ContainerArchive.Open(_c.Root, path, "c1"));
        Assert.Equal(404, e.StatusCode);
        Assert.Equal($"Could not find the file {path} in container c1", e.Message);
    }

    [Theory]
    [InlineData("/etc/motd/", "lstat /etc/motd/: not a directory")]
    [InlineData("/etc/motd/.", "lstat /etc/motd/.: not a directory")]
    public void Get_OfAFileAsADirectory_Is500(string path, string message)
    {
        var e = Assert.Throws<ContainerArchiveException>(() => ContainerArchive.Open(_c.Root, path, "c1"));
        Assert.Equal((500, message), (e.StatusCode, e.Message));
    }

    [Fact]
    public void Get_WithoutAPath_Is400()
    {
        var e = Assert.Throws<ContainerArchiveException>(() => ContainerArchive.Open(_c.Root, "", "c1"));
        Assert.Equal((400, "bad parameter: pathcannot be empty"), (e.StatusCode, e.Message));
    }

    private void Put(string path, byte[] tar, bool noOverwriteDirNonDir = false, ArchiveOwner? owner = null)
        => ArchiveExtraction.Extract(_c.Root, path, "c1", new MemoryStream(tar), _c.Scratch("spool"), noOverwriteDirNonDir, owner);

    [Fact]
    public void Put_ExtractsFilesDirectoriesAndLinks()
    {
        Directory.CreateDirectory(_c.P("dst"));
        Put("/dst", new TestTar().Dir("d/", mode: 0x1C0).File("d/f", "data", uid: 12, gid: 34).Symlink("d/l", "/etc/motd")
            .Hardlink("d/h", "d/f").File("/abs", "absolute names count from the destination").ToArray());

        Assert.Equal("data", File.ReadAllText(_c.P("dst/d/f")));
        Assert.Equal((12u, 34u), (Fs.Lstat(_c.P("dst/d/f"))!.Value.Uid, Fs.Lstat(_c.P("dst/d/f"))!.Value.Gid));
        Assert.Equal(0x1C0u, Fs.Lstat(_c.P("dst/d"))!.Value.Permissions);
        Assert.Equal("/etc/motd", Fs.ReadLink(_c.P("dst/d/l")));
        Assert.Equal(Fs.Lstat(_c.P("dst/d/f"))!.Value.Inode, Fs.Lstat(_c.P("dst/d/h"))!.Value.Inode);
        Assert.True(File.Exists(_c.P("dst/abs")));
    }

    [Fact]
    public void Put_IntoASymlinkToADirectory_FollowsItInsideTheContainer()
    {
        Put("/etclink", new TestTar().File("viaLink", "x").ToArray());

        Assert.Equal("x", File.ReadAllText(_c.P("etc/viaLink")));
    }

    [Fact]
    public void Put_WithCopyUidGid_GivesTheContainerUsersOwnership()
    {
        Put("/etc", new TestTar().File("owned", "x", uid: 7, gid: 7).ToArray(), owner: new ArchiveOwner(1000, 1001));

        Assert.Equal((1000u, 1001u), (Fs.Lstat(_c.P("etc/owned"))!.Value.Uid, Fs.Lstat(_c.P("etc/owned"))!.Value.Gid));
    }

    [Theory]
    [InlineData("../evil", "Error processing tar file(exit status 1): \"../evil\" is outside of \"/etc\"")]
    [InlineData("a/../../evil", "Error processing tar file(exit status 1): \"../evil\" is outside of \"/etc\"")]
    public void Put_RefusesNamesLeavingTheDestinationAndWritesNothing(string name, string message)
    {
        var tar = new TestTar().File("first", "written before the bad entry in dockerd").File(name, "x").ToArray();

        var e = Assert.Throws<ContainerArchiveException>(() => Put("/etc", tar));

        Assert.Equal((500, message), (e.StatusCode, e.Message));
        Assert.False(File.Exists(_c.P("etc/first")));
        Assert.False(File.Exists(_c.P("evil")));
    }

    [Fact]
    public void Put_RefusesSymlinksAndHardlinksPointingOutside()
    {
        Directory.CreateDirectory(_c.P("dirx"));
        var symlink = Assert.Throws<ContainerArchiveException>(() => Put("/dirx", new TestTar().Symlink("s1", "../../../../etc").ToArray()));
        var hardlink = Assert.Throws<ContainerArchiveException>(() => Put("/dirx", new TestTar().Hardlink("h1", "../../etc/passwd").ToArray()));

        Assert.Equal("Error processing tar file(exit status 1): invalid symlink \"/dirx/s1\" -> \"../../../../etc\"", symlink.Message);
        Assert.Equal("Error processing tar file(exit status 1): invalid hardlink \"/etc/passwd\" -> \"../../etc/passwd\"", hardlink.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_c.P("dirx")));
    }

    [Fact]
    public void Put_WithNoOverwriteDirNonDir_RefusesToReplaceADirectoryWithAFile()
    {
        var file = Assert.Throws<ContainerArchiveException>(() => Put("/", new TestTar().File("etc", "x").ToArray(), noOverwriteDirNonDir: true));
        var dir = Assert.Throws<ContainerArchiveException>(() => Put("/etc", new TestTar().Dir("motd/").ToArray(), noOverwriteDirNonDir: true));

        Assert.Equal("Error processing tar file(exit status 1): cannot overwrite directory \"/etc\" with non-directory \"/\"", file.Message);
        Assert.Equal("Error processing tar file(exit status 1): cannot overwrite non-directory \"/etc/motd\" with directory \"/etc\"", dir.Message);
        Assert.True(File.Exists(_c.P("etc/motd")));
    }

    [Fact]
    public void Put_OntoAFileOrAMissingPath_AnswersAsDockerd()
    {
        var tar = new TestTar().File("f", "x").ToArray();

        var onFile = Assert.Throws<ContainerArchiveException>(() => Put("/etc/motd", tar));
        var missing = Assert.Throws<ContainerFileNotFoundException>(() => Put("/dangling", tar));

        Assert.Equal((500, "extraction point is not a directory"), (onFile.StatusCode, onFile.Message));
        Assert.Equal((404, "Could not find the file /dangling in container c1"), (missing.StatusCode, missing.Message));
    }
}

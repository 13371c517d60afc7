using System.Formats.Tar;
using System.Text;
using Berth.Storage;
using Berth.Storage.Archive;

namespace Berth.UnitTests.Storage;

public sealed class StagedArchiveTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-stage-").FullName;

    private static MemoryStream Tar(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var e in entries) writer.WriteEntry(e);
        buffer.Position = 0;
        return buffer;
    }

    private static PaxTarEntry File(string name, string text)
        => new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };

    private static PaxTarEntry Link(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target };

    [Fact]
    public void Unpack_ReadsFilesDirectlyAndThroughLinks()
    {
        using var staged = StagedArchive.Unpack(Tar(
            File("manifest.json", "[]"), File("abc/layer.tar", "layer"), Link("def/layer.tar", "../abc/layer.tar"),
            Link("again", "def/layer.tar")), _root);
        Assert.Equal("[]", Encoding.UTF8.GetString(staged.ReadAllBytes("manifest.json")));
        Assert.Equal("layer", Encoding.UTF8.GetString(staged.ReadAllBytes("def/layer.tar")));
        Assert.Equal("layer", Encoding.UTF8.GetString(staged.ReadAllBytes("./again")));
        Assert.False(staged.Exists("missing"));
        Assert.Contains("no file \"missing\"", Assert.Throws<StorageException>(() => staged.Open("missing")).Message);
    }

    [Theory]
    [InlineData("../evil", "points outside the archive")]
    [InlineData("/etc/evil", "absolute path")]
    [InlineData("a/../../evil", "points outside the archive")]
    public void Unpack_RefusesEntriesOutsideTheArchive(string name, string message)
    {
        var error = Assert.Throws<StorageException>(() => StagedArchive.Unpack(Tar(File("ok", "1"), File(name, "x")), _root));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(message, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Unpack_RefusesALinkThatLeavesTheArchive()
    {
        var error = Assert.Throws<StorageException>(() => StagedArchive.Unpack(Tar(File("ok", "1"), Link("a/layer.tar", "../../etc/passwd")), _root));
        Assert.Contains("outside the archive", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Open_RefusesLinkLoops()
    {
        using var staged = StagedArchive.Unpack(Tar(File("ok", "1"), Link("a", "b"), Link("b", "a")), _root);
        Assert.Contains("loop", Assert.Throws<StorageException>(() => staged.Open("a")).Message);
    }

    [Fact]
    public void Unpack_RefusesATruncatedArchive()
    {
        var whole = Tar(File("manifest.json", new string('x', 5000))).ToArray();
        var error = Assert.Throws<StorageException>(() => StagedArchive.Unpack(new MemoryStream(whole[..2000]), _root));
        Assert.Equal(400, error.StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Dispose_RemovesTheStagingDirectory()
    {
        var staged = StagedArchive.Unpack(Tar(File("manifest.json", "[]")), _root);
        staged.Dispose();
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

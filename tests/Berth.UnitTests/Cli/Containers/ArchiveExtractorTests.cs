using System.Formats.Tar;
using System.Text;
using Berth.Cli.Commands.Containers.Copy;

namespace Berth.UnitTests.Cli.Containers;

/// <summary>cp's host-side extraction: bad entries (climbing, absolute, through or to links leaving the destination)
/// are refused before anything is written; good archives land with docker's renaming.</summary>
public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-extract-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("berth-outside-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    private static MemoryStream Archive(params TarEntry[] entries)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var entry in entries) writer.WriteEntry(entry);
        stream.Position = 0;
        return stream;
    }

    private static PaxTarEntry File(string name, string text = "data") =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)), Mode = (UnixFileMode)0b110_100_100 };

    private static PaxTarEntry Dir(string name) => new(TarEntryType.Directory, name) { Mode = (UnixFileMode)0b111_101_101 };

    private static PaxTarEntry Link(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target };

    private string[] Written() => Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).ToArray();

    private ArchiveEntryError Refused(params TarEntry[] entries)
    {
        var error = Assert.Throws<ArchiveEntryError>(() => ArchiveExtractor.Extract(Archive(entries), _root));
        Assert.Empty(Written());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
        return error;
    }

    [Fact]
    public void ClimbingEntry_IsRefusedAndNothingIsWritten()
    {
        var error = Refused(File("ok.txt"), File("a/../../evil"));
        Assert.Equal("a/../../evil", error.Entry);
        Assert.Contains("outside of", error.Message);
    }

    [Fact]
    public void AbsoluteEntry_IsRefused()
    {
        var error = Refused(Dir("d/"), File(Path.Join(_outside, "evil")));
        Assert.Contains("absolute paths are not extracted", error.Message);
    }

    [Fact]
    public void EntryThroughAnArchiveSymlinkToOutside_IsRefused()
    {
        var error = Refused(File("ok.txt"), Link("out", _outside), File("out/evil"));
        Assert.Equal("out/evil", error.Entry);
        Assert.Contains("symbolic link \"out\"", error.Message);
    }

    [Fact]
    public void EntryThroughAChainOfRelativeSymlinks_IsRefused()
    {
        // Each link stays inside on its own (d/up is the root, e lexically d/up/d); only following them climbs out.
        var error = Refused(Dir("d/"), Link("d/up", ".."), Link("e", "d/up/d/up/.."), File("e/x"));
        Assert.Equal("e/x", error.Entry);
    }

    [Fact]
    public void RelativeSymlinkPointingOutside_IsRefused()
    {
        var error = Refused(File("ok.txt"), Link("up", "../../etc"));
        Assert.Contains("points outside of", error.Message);
    }

    [Fact]
    public void EntryThroughASymlinkAlreadyOnDisk_IsRefused()
    {
        System.IO.File.CreateSymbolicLink(Path.Join(_root, "existing"), _outside);
        var error = Assert.Throws<ArchiveEntryError>(() => ArchiveExtractor.Extract(Archive(File("new.txt"), File("existing/evil")), _root));
        Assert.Equal("existing/evil", error.Entry);
        Assert.Equal([Path.Join(_root, "existing")], Written());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
    }

    [Fact]
    public void HardLinkToOutside_IsRefused()
    {
        var error = Refused(File("ok.txt"), new PaxTarEntry(TarEntryType.HardLink, "h") { LinkName = "../x" });
        Assert.Equal("h", error.Entry);
    }

    [Fact]
    public void FileOverAnExistingDirectory_IsRefused()
    {
        Directory.CreateDirectory(Path.Join(_root, "d"));
        var error = Assert.Throws<ArchiveEntryError>(() => ArchiveExtractor.Extract(Archive(File("x"), File("d")), _root));
        Assert.Contains("cannot overwrite directory", error.Message);
        Assert.Equal([Path.Join(_root, "d")], Written());
    }

    [Fact]
    public void GoodArchive_IsExtractedWithModesLinksAndRenaming()
    {
        var archive = Archive(Dir("./"), Dir("./sub/"), File("./sub/f", "hello"), Link("./abs", "/etc/passwd"), Link("./rel", "sub/f"),
            new PaxTarEntry(TarEntryType.HardLink, "./hard") { LinkName = "./sub/f" }, File("./rel2", "x"));
        ArchiveExtractor.Extract(archive, _root, name => CopyPaths.Rebase(name, ".", "copy"));
        var copy = Path.Join(_root, "copy");
        Assert.Equal("hello", System.IO.File.ReadAllText(Path.Join(copy, "sub", "f")));
        Assert.Equal("hello", System.IO.File.ReadAllText(Path.Join(copy, "hard")));
        Assert.Equal("/etc/passwd", new FileInfo(Path.Join(copy, "abs")).LinkTarget);
        Assert.Equal("sub/f", new FileInfo(Path.Join(copy, "rel")).LinkTarget);
        Assert.Equal((UnixFileMode)0b110_100_100, System.IO.File.GetUnixFileMode(Path.Join(copy, "rel2")));
        Assert.Equal((UnixFileMode)0b111_101_101, System.IO.File.GetUnixFileMode(copy));
    }

    [Fact]
    public void WritingThroughAnInsideSymlink_IsAllowed()
    {
        ArchiveExtractor.Extract(Archive(Dir("real/"), Link("alias", "real"), File("alias/f", "via")), _root);
        Assert.Equal("via", System.IO.File.ReadAllText(Path.Join(_root, "real", "f")));
    }
}

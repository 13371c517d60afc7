using System.Formats.Tar;
using Berth.Cli.Commands.Containers.Copy;

namespace Berth.UnitTests.Cli.Containers;

/// <summary>cp's archive of a host folder: docker's entry names and order, hard links kept, sockets left out, and
/// Go's sizes (one header block an entry, data in whole blocks, two end blocks) so "Successfully copied" agrees.</summary>
public sealed class HostArchiveTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-archive-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Folder_IsArchivedInNameOrderWithHardLinksAndWithoutSockets()
    {
        var source = Directory.CreateDirectory(Path.Join(_root, "src")).FullName;
        File.WriteAllText(Path.Join(source, "b"), "hello");
        Directory.CreateDirectory(Path.Join(source, "a"));
        File.CreateSymbolicLink(Path.Join(source, "c"), "b");
        Assert.Equal(0, Link(Path.Join(source, "b"), Path.Join(source, "d")));
        // .NET removes a bound socket's file when the socket closes: keep it open while archiving.
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, 0);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Join(source, "e")));
        var warnings = new StringWriter();
        var archive = new MemoryStream();

        HostArchive.Write(source, "copy", archive, warnings);

        archive.Position = 0;
        var entries = new List<(string, TarEntryType, string)>();
        using (var reader = new TarReader(archive, leaveOpen: true))
            while (reader.GetNextEntry() is { } entry) entries.Add((entry.Name, entry.EntryType, entry.LinkName));
        Assert.Equal([("copy/", TarEntryType.Directory, ""), ("copy/a/", TarEntryType.Directory, ""), ("copy/b", TarEntryType.RegularFile, ""),
            ("copy/c", TarEntryType.SymbolicLink, "b"), ("copy/d", TarEntryType.HardLink, "copy/b")], entries);
        Assert.Equal(512 * 5 + 512 + 1024, archive.Length);
        Assert.Contains("sockets not supported", warnings.ToString());
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link")]
    private static extern int Link(string existing, string created);
}

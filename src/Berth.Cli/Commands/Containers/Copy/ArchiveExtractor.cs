using System.Formats.Tar;
using System.Runtime.InteropServices;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>Unpacks a tar stream into a host directory in two passes: the first checks every entry against the
/// destination (no absolute or climbing names, nothing written through a symbolic link that leaves it, no relative link
/// that points out of it, no directory replaced by a file or the reverse) and writes nothing; the second extracts.
/// Modes and modification times are kept, owners are not (as docker's client, which extracts as the invoking user).</summary>
public static partial class ArchiveExtractor
{
    /// <summary>Extracts archive into directory (which must exist); rename maps each raw entry name (and hard link
    /// target) first, as docker rebases a copy's entries.</summary>
    public static void Extract(Stream archive, string directory, Func<string, string>? rename = null)
    {
        rename ??= name => name;
        var root = Path.GetFullPath(directory).TrimEnd('/');
        if (root.Length == 0) root = "/";
        using var spool = Spool(archive);
        var start = spool.Position;
        var plan = new ArchivePlan(root);
        ForEachEntry(spool, entry => plan.Check(entry, rename));
        spool.Position = start;
        var directories = new List<(string Path, TarEntry Entry)>();
        var index = 0;
        ForEachEntry(spool, entry =>
        {
            if (plan.Placements[index++] is { } placement) Write(entry, placement, plan.Root, directories);
        });
        // Directory times last: writing into a directory changes its modification time.
        foreach (var (path, entry) in Enumerable.Reverse(directories))
        {
            File.SetUnixFileMode(path, (UnixFileMode)(entry.Mode & (UnixFileMode)0xFFF));
            Directory.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
        }
    }

    private static Stream Spool(Stream archive)
    {
        if (archive.CanSeek) return new NonClosing(archive);
        var file = new FileStream(Path.Join(Path.GetTempPath(), "berth-cp-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        archive.CopyTo(file);
        file.Position = 0;
        return file;
    }

    private static void ForEachEntry(Stream stream, Action<TarEntry> action)
    {
        using var reader = new TarReader(stream, leaveOpen: true);
        try
        {
            while (reader.GetNextEntry() is { } entry) action(entry);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new CliError("invalid tar archive: " + e.Message, 1);
        }
    }

    private static void Write(TarEntry entry, ArchivePlan.Placement placement, string root, List<(string, TarEntry)> directories)
    {
        var path = Path.Join(root, placement.Target);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var existing = HostPath.Lstat(path);
            if (entry.EntryType == TarEntryType.Directory)
            {
                if (existing != HostKind.Directory) Directory.CreateDirectory(path);
                directories.Add((path, entry));
                return;
            }
            if (existing != HostKind.Missing) File.Delete(path);
            switch (entry.EntryType)
            {
                case TarEntryType.SymbolicLink:
                    File.CreateSymbolicLink(path, entry.LinkName);
                    return;
                case TarEntryType.HardLink:
                    if (link(Path.Join(root, placement.LinkTo), path) != 0)
                        throw new IOException($"link {entry.LinkName} {path}: errno {Marshal.GetLastPInvokeError()}");
                    return;
                case TarEntryType.Fifo:
                    if (mkfifo(path, 0) != 0) throw new IOException($"mkfifo {path}: errno {Marshal.GetLastPInvokeError()}");
                    break;
                default:
                    using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                        entry.DataStream?.CopyTo(file);
                    break;
            }
            File.SetUnixFileMode(path, (UnixFileMode)(entry.Mode & (UnixFileMode)0xFFF));
            File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliError($"error extracting \"{entry.Name}\" to {path}: {e.Message}", 1);
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string existing, string created);

    [LibraryImport("libc", EntryPoint = "mkfifo", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkfifo(string path, uint mode);

    /// <summary>A view of a caller's seekable stream that leaves it open when disposed.</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

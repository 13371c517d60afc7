using System.Formats.Tar;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>The tar stream of a host file or directory, as docker's TarResource makes it: the entry itself under
/// rootName, then a directory's contents depth first in name order; symbolic links are archived, not followed.</summary>
public static class HostArchive
{
    /// <summary>Writes path's archive to output with its root entry named rootName ("." for a directory's contents);
    /// what tar cannot hold (sockets) is left out with a line on warnings, as docker logs and skips it. A file met again
    /// under another name (a hard link) is archived as a link to its first name.</summary>
    public static void Write(string path, string rootName, Stream output, TextWriter warnings)
    {
        // GNU headers: one 512-byte block an entry as Go's writer makes for ordinary names, and long names still fit.
        using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        new Walk(writer, warnings).Add(path, rootName);
    }

    private sealed class Walk(TarWriter writer, TextWriter warnings)
    {
        private readonly Dictionary<(ulong Device, ulong Inode), string> _firstNames = [];

        public void Add(string path, string name)
        {
            var kind = HostPath.Lstat(path);
            try
            {
                if (kind == HostKind.File && HostStat.Of(path) is { } stat && WrittenSpecially(path, name, stat)) return;
                if (kind != HostKind.Directory)
                {
                    writer.WriteEntry(path, name);
                    return;
                }
                writer.WriteEntry(path, name + "/");
                var children = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>()
                    .Order(StringComparer.Ordinal).ToList();
                foreach (var child in children) Add(Path.Join(path, child), name + "/" + child);
            }
            catch (UnauthorizedAccessException)
            {
                throw new CliError($"open {path}: permission denied", 1);
            }
            catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw HostPath.Failure("lstat", path);
            }
        }

        /// <summary>Skips a socket, or writes a second name of a hard-linked file as a link; false for anything else.</summary>
        private bool WrittenSpecially(string path, string name, HostStat stat)
        {
            if (stat.IsSocket)
            {
                warnings.WriteLine($"Can't add file {path} to tar: archive/tar: sockets not supported");
                return true;
            }
            if (stat.Links < 2 || !stat.IsRegular) return false;
            if (_firstNames.TryAdd((stat.Device, stat.Inode), name)) return false;
            writer.WriteEntry(new GnuTarEntry(TarEntryType.HardLink, name)
            {
                LinkName = _firstNames[(stat.Device, stat.Inode)], Mode = (UnixFileMode)(stat.Mode & 0xFFF),
                Uid = (int)stat.Uid, Gid = (int)stat.Gid, ModificationTime = File.GetLastWriteTimeUtc(path),
            });
            return true;
        }
    }
}

using System.Formats.Tar;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>The tar stream of a host file or directory, as docker's TarResource makes it: the entry itself under
/// rootName, then a directory's contents depth first in name order; symbolic links are archived, not followed.</summary>
public static class HostArchive
{
    /// <summary>Writes path's archive to output with its root entry named rootName ("." for a directory's contents).</summary>
    public static void Write(string path, string rootName, Stream output)
    {
        // GNU headers: one 512-byte block an entry as Go's writer makes for ordinary names, and long names still fit.
        using var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: true);
        Add(writer, path, rootName);
    }

    private static void Add(TarWriter writer, string path, string name)
    {
        var kind = HostPath.Lstat(path);
        try
        {
            if (kind != HostKind.Directory)
            {
                writer.WriteEntry(path, name);
                return;
            }
            writer.WriteEntry(path, name + "/");
            var children = Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>()
                .Order(StringComparer.Ordinal).ToList();
            foreach (var child in children) Add(writer, Path.Join(path, child), name + "/" + child);
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
}

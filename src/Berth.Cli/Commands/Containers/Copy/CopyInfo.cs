using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>docker's CopyInfo: one side of a copy, and the name its archive's root entry must carry when a link's
/// resolution renamed it.</summary>
public sealed record CopyInfo(string Path, bool Exists, bool IsDirectory, string? RebaseName = null)
{
    /// <summary>docker's PrepareArchiveCopy: the directory to extract the source's archive into, and the renaming
    /// of its root entry (old, new) that makes the copy land under the destination's name.</summary>
    public static (string Directory, (string Old, string New)? Rebase) Prepare(CopyInfo source, CopyInfo destination)
    {
        var (destinationDirectory, destinationBase) = CopyPaths.SplitDirEntry(destination.Path);
        var sourceBase = source.RebaseName ?? CopyPaths.SplitDirEntry(source.Path).Base;
        if (destination is { Exists: true, IsDirectory: true }) return (destination.Path, null);
        if (destination.Exists && source.IsDirectory) throw new CliError("cannot copy directory", 1);
        if (!destination.Exists && !source.IsDirectory && CopyPaths.AssertsDirectory(destination.Path)) throw new CliError("no such directory", 1);
        return (destinationDirectory, (sourceBase, destinationBase));
    }
}

using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>cp CONTAINER:SRC DEST|-: the daemon's archive of SRC, to stdout as it is, or extracted on the host where
/// docker would put it.</summary>
internal static class FromContainer
{
    private const int MaxLinkHops = 10;

    /// <summary>Copies; the progress line goes to stderr unless quiet.</summary>
    public static async Task<int> RunAsync(CliContext context, string container, string sourcePath, string destinationPath, CopyOptions options)
    {
        var toStdout = destinationPath == "-";
        var destination = toStdout ? destinationPath : CopyPaths.ResolveLocal(destinationPath);
        if (!toStdout) ValidateOutputPath(destination);
        string? rebaseName = null;
        if (options.FollowLink && await ContainerPathStat.GetAsync(context, container, sourcePath) is { IsSymlink: true } link)
        {
            var target = link.LinkTarget.StartsWith('/') ? link.LinkTarget : CopyPaths.Join(CopyPaths.SplitDirEntry(sourcePath).Dir, link.LinkTarget);
            (sourcePath, rebaseName) = CopyPaths.RebaseName(sourcePath, target);
        }
        using var response = await context.Client.OpenAsync(HttpMethod.Get, ContainerPathStat.Query(container, sourcePath));
        await using var body = await response.Content.ReadAsStreamAsync();
        if (toStdout)
        {
            using var stdout = StandardStreams.Open(1);
            await body.CopyToAsync(stdout);
            return 0;
        }
        var stat = ContainerPathStat.Parse(response.Headers.TryGetValues(ContainerPathStat.Header, out var values) ? values.FirstOrDefault() : null);
        var source = new CopyInfo(sourcePath, true, stat?.IsDirectory == true, rebaseName);
        var renames = new List<(string Old, string New)>();
        // A followed link's archive is named after the target; its root entry takes the link's name first.
        if (rebaseName != null) renames.Add((CopyPaths.SplitDirEntry(sourcePath).Base, rebaseName));
        var (directory, rebase) = CopyInfo.Prepare(source, DestinationInfo(destination));
        if (rebase is { } r) renames.Add(r);
        var counted = new CountingStream(body);
        ArchiveExtractor.Extract(counted, directory, name => renames.Aggregate(name, (n, p) => CopyPaths.Rebase(n, p.Old, p.New)));
        if (!options.Quiet) context.Err.WriteLine($"Successfully copied {HumanUnits.Size(counted.Count)} to {destination}");
        return 0;
    }

    /// <summary>docker's ValidateOutputPath: the destination's parent must exist.</summary>
    private static void ValidateOutputPath(string path)
    {
        var directory = CopyPaths.Dir(CopyPaths.Clean(path));
        if (directory != "." && HostPath.Stat(directory) == HostKind.Missing && HostPath.MissingReason(directory) == "no such file or directory")
            throw new CliError($"invalid output path: directory \"{directory}\" does not exist", 1);
        if (HostPath.Stat(path) == HostKind.Missing && HostPath.MissingReason(path) != "no such file or directory")
            throw HostPath.Failure("stat", path);
    }

    /// <summary>docker's CopyInfoDestinationPath: the destination with links followed, whether it exists, and
    /// whether its parent is a directory it can be made in.</summary>
    private static CopyInfo DestinationInfo(string path)
    {
        var original = path;
        var kind = HostPath.Lstat(path);
        for (var hops = 0; kind == HostKind.Symlink; hops++)
        {
            if (hops > MaxLinkHops) throw new CliError("too many symlinks in " + original, 1);
            var target = HostPath.ReadLink(path) ?? "";
            path = target.StartsWith('/') ? target : CopyPaths.Join(CopyPaths.SplitDirEntry(path).Dir, target);
            kind = HostPath.Lstat(path);
        }
        if (kind != HostKind.Missing) return new CopyInfo(path, true, kind == HostKind.Directory);
        var parent = CopyPaths.SplitDirEntry(path).Dir;
        var parentKind = HostPath.Stat(parent);
        if (parentKind == HostKind.Missing) throw HostPath.Failure("stat", parent);
        if (parentKind != HostKind.Directory) throw new CliError("not a directory", 1);
        return new CopyInfo(path, false, false);
    }
}

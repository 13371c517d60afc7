using Berth.Cli.CommandLine;
using Berth.Cli.Output;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>cp SRC|- CONTAINER:DEST: a tar of the host source (or the tar on stdin), shaped so the daemon's extraction
/// puts it where docker would.</summary>
internal static class ToContainer
{
    /// <summary>Copies; the progress line goes to stderr unless quiet.</summary>
    public static async Task<int> RunAsync(CliContext context, string container, string sourcePath, string destinationPath, CopyOptions options)
    {
        var fromStdin = sourcePath == "-";
        var local = fromStdin ? sourcePath : CopyPaths.ResolveLocal(sourcePath);
        var destination = new CopyInfo(destinationPath, false, false);
        var stat = await ContainerPathStat.GetAsync(context, container, destinationPath);
        if (stat is { IsSymlink: true })
        {
            var target = stat.LinkTarget.StartsWith('/') ? stat.LinkTarget : CopyPaths.Join(CopyPaths.SplitDirEntry(destinationPath).Dir, stat.LinkTarget);
            destination = destination with { Path = target };
            stat = await ContainerPathStat.GetAsync(context, container, target);
        }
        if (stat?.UnfitDestination is { } unfit)
            throw new CliError($"destination \"{container}:{destinationPath}\" must be a directory or a regular file: {unfit}", 1);
        if (stat != null) destination = destination with { Exists = true, IsDirectory = stat.IsDirectory };

        Stream content;
        string directory;
        if (fromStdin)
        {
            if (!destination.IsDirectory) throw new CliError($"destination \"{container}:{destinationPath}\" must be a directory", 1);
            content = StandardStreams.Open(0);
            directory = destination.Path;
        }
        else
        {
            var source = SourceInfo(local, options.FollowLink);
            (directory, var rebase) = CopyInfo.Prepare(source, destination);
            var (sourceDirectory, sourceBase) = CopyPaths.SplitDirEntry(source.Path);
            var rootName = rebase?.New ?? source.RebaseName ?? sourceBase;
            content = new FileStream(Path.Join(Path.GetTempPath(), "berth-cp-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew,
                FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
            HostArchive.Write(Path.Join(sourceDirectory, sourceBase), rootName, content, context.Err);
            content.Position = 0;
        }
        await using (content)
        {
            var counted = new CountingStream(content);
            var query = ContainerPathStat.Query(container, directory) + "&noOverwriteDirNonDir=true" + (options.CopyOwnership ? "&copyUIDGID=true" : "");
            var upload = new StreamContent(counted);
            upload.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-tar");
            using var response = await context.Client.OpenAsync(HttpMethod.Put, query, upload);
            // docker counts only the archive it made itself: a tar from stdin is reported as 0B.
            if (!options.Quiet) context.Err.WriteLine($"Successfully copied {HumanUnits.Size(fromStdin ? 0 : counted.Count)} to {container}:{destination.Path}");
        }
        return 0;
    }

    /// <summary>docker's CopyInfoSourcePath: the host source with links in its parent resolved (and itself too with -L).</summary>
    private static CopyInfo SourceInfo(string path, bool followLink)
    {
        string resolved;
        string? rebaseName = null;
        if (followLink)
            (resolved, rebaseName) = CopyPaths.RebaseName(path, HostPath.EvalSymlinks(path));
        else
        {
            var slash = path.LastIndexOf('/');
            var (directory, name) = (path[..(slash + 1)], path[(slash + 1)..]);
            resolved = HostPath.EvalSymlinks(directory).TrimEnd('/') + "/" + name;
            if (CopyPaths.HasTrailingSeparator(path) && CopyPaths.Base(path) != CopyPaths.Base(resolved)) rebaseName = CopyPaths.Base(path);
        }
        var kind = HostPath.Lstat(resolved);
        if (kind == HostKind.Missing) throw HostPath.Failure("lstat", resolved);
        return new CopyInfo(resolved, true, kind == HostKind.Directory, rebaseName);
    }
}

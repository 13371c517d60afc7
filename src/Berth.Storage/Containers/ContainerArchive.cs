using System.Formats.Tar;
using Berth.Storage.Interop;
using Berth.Storage.Layers;

namespace Berth.Storage.Containers;

/// <summary>GET and HEAD /containers/{id}/archive: one path of a container's mounted root filesystem, resolved as
/// dockerd resolves it (every symlink but the last element followed inside the root), stat'ed and written as a tar
/// whose entries start with the path's base name ("." for "dir/.", "/" for the root).</summary>
public sealed class ContainerArchive
{
    private const int NotADirectory = 20;
    private readonly string _hostPath;
    private readonly string _entryName;

    private ContainerArchive(string hostPath, string entryName, ContainerPathStat stat)
    {
        _hostPath = hostPath;
        _entryName = entryName;
        Stat = stat;
    }

    /// <summary>The path's stat (the X-Docker-Container-Path-Stat header).</summary>
    public ContainerPathStat Stat { get; }

    /// <summary>Resolves path (as the request gave it) under rootfs; container names the container in errors as the
    /// request did. Throws <see cref="ContainerFileNotFoundException"/> (404) or <see cref="ContainerArchiveException"/>.</summary>
    public static ContainerArchive Open(string rootfs, string path, string container)
    {
        if (string.IsNullOrEmpty(path)) throw ContainerArchiveException.EmptyPath();
        var scope = new RootScope(rootfs);
        var absolute = ContainerPath.Absolute(path);
        var (dir, name) = ContainerPath.Split(absolute);
        var hostPath = scope.Follow(dir) + "/" + name;
        var st = Lstat(hostPath, scope, path, container);
        var linkTarget = st.IsSymlink ? scope.ContainerPath(scope.Follow(absolute)) : "";
        var baseName = ContainerPath.Base(absolute);
        var stat = new ContainerPathStat(baseName, st.Size, ContainerPathStat.GoFileMode(st.Mode), st.ModifiedTime, linkTarget);
        return new ContainerArchive(Path.TrimEndingDirectorySeparator(Path.GetFullPath(hostPath)), baseName, stat);
    }

    /// <summary>Stat only (HEAD).</summary>
    public static ContainerPathStat StatPath(string rootfs, string path, string container) => Open(rootfs, path, container).Stat;

    /// <summary>Writes the tar to output (left open).</summary>
    public void WriteTo(Stream output)
    {
        using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        // The root's entries are named "/", "/bin", … as dockerd's rebase of the root to "/" leaves them.
        new TreeTarWriter(writer, overlayMarkers: false).WriteTree(_hostPath, _entryName == "/" ? "/" : _entryName);
    }

    // dockerd answers a missing path with 404 and any other lstat failure (a file named as a directory) with 500,
    // naming the resolved path; here in the container's terms rather than the host's.
    private static unsafe FileStat Lstat(string hostPath, RootScope scope, string path, string container)
    {
        if (Fs.Lstat(hostPath) is { } st) return st;
        Libc.Statx raw;
        if (Libc.statx(Libc.AT_FDCWD, hostPath, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS, &raw) != 0 && Libc.Errno == NotADirectory)
        {
            var (dir, name) = ContainerPath.Split(hostPath);
            var shown = scope.ContainerPath(Path.TrimEndingDirectorySeparator(dir));
            throw new ContainerArchiveException(500, $"lstat {shown.TrimEnd('/')}/{name}: not a directory");
        }
        throw new ContainerFileNotFoundException(path, container);
    }
}

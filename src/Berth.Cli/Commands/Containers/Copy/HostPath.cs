using System.Runtime.InteropServices;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>What a host path is, without following a last symbolic link (lstat) or following it (stat).</summary>
public enum HostKind
{
    /// <summary>Nothing there.</summary>
    Missing,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A symbolic link (only from <see cref="HostPath.Lstat"/>).</summary>
    Symlink,
    /// <summary>Any other file.</summary>
    File,
}

/// <summary>Host file lookups for the copy commands, and Go's wording of their failures ("stat /x: not a directory").</summary>
public static partial class HostPath
{
    /// <summary>The kind of path itself; a symbolic link is reported, not followed.</summary>
    public static HostKind Lstat(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget != null) return HostKind.Symlink;
        if (Directory.Exists(path)) return HostKind.Directory;
        return info.Exists ? HostKind.File : HostKind.Missing;
    }

    /// <summary>The kind of what path leads to, following symbolic links.</summary>
    public static HostKind Stat(string path) =>
        Directory.Exists(path) ? HostKind.Directory : File.Exists(path) ? HostKind.File : HostKind.Missing;

    /// <summary>The target of a symbolic link, or null.</summary>
    public static string? ReadLink(string path) => new FileInfo(path).LinkTarget;

    /// <summary>Go's error for a failed stat or lstat of a missing path: "not a directory" when a parent is a file.</summary>
    public static CliError Failure(string operation, string path) => new($"{operation} {path}: {MissingReason(path)}", 1);

    /// <summary>Go's filepath.EvalSymlinks: the path with every symbolic link resolved; a missing part fails as lstat.</summary>
    public static unsafe string EvalSymlinks(string path)
    {
        var buffer = stackalloc byte[4096];
        if (realpath(path, buffer) == null) throw Failure("lstat", path);
        return Marshal.PtrToStringUTF8((nint)buffer)!;
    }

    /// <summary>Why a path that is not there is missing, in Go's words.</summary>
    public static string MissingReason(string path)
    {
        for (var parent = Path.GetDirectoryName(path.TrimEnd('/')); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent)) break;
            if (File.Exists(parent)) return "not a directory";
        }
        return "no such file or directory";
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial byte* realpath(string path, byte* resolved);
}

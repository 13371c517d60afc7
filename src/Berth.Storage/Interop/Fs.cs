using System.Text;

namespace Berth.Storage.Interop;

/// <summary>Checked wrappers over <see cref="Libc"/>: none follows a symlink at the final component, and failures
/// surface as IOException carrying errno's text so callers can name the layer entry in their own message.</summary>
internal static unsafe class Fs
{
    internal static bool IsRoot { get; } = Libc.geteuid() == 0;

    /// <summary>lstat, or null when nothing is at path.</summary>
    internal static FileStat? Lstat(string path)
    {
        Libc.Statx st;
        if (Libc.statx(Libc.AT_FDCWD, path, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_BASIC_STATS, &st) != 0)
        {
            var errno = Libc.Errno;
            if (errno is Libc.ENOENT or 20 /* ENOTDIR */) return null;
            throw Fail("stat", path, errno);
        }
        var mtime = DateTimeOffset.FromUnixTimeSeconds(st.Mtime.Seconds).AddTicks(st.Mtime.Nanoseconds / 100);
        return new FileStat(st.Mode, st.Uid, st.Gid, (long)st.Size, Libc.MakeDev(st.DevMajor, st.DevMinor), st.Ino,
            st.Nlink, st.RdevMajor, st.RdevMinor, mtime);
    }

    internal static void Mkdir(string path, uint mode)
        => Check(Libc.mkdir(path, mode), "mkdir", path);

    internal static void Mknod(string path, uint type, uint perm, uint major, uint minor)
        => Check(Libc.mknod(path, type | perm, Libc.MakeDev(major, minor)), "mknod", path);

    internal static void Chmod(string path, uint mode) => Check(Libc.chmod(path, mode), "chmod", path);

    internal static void Lchown(string path, int uid, int gid) => Check(Libc.lchown(path, uid, gid), "chown", path);

    internal static void Symlink(string target, string path) => Check(Libc.symlink(target, path), "symlink", path);

    internal static void Link(string existing, string path) => Check(Libc.link(existing, path), "link", path);

    internal static string ReadLink(string path)
    {
        var size = 256;
        while (true)
        {
            var buffer = new byte[size];
            nint n;
            fixed (byte* p = buffer) n = Libc.readlink(path, p, (nuint)size);
            if (n < 0) throw Fail("readlink", path, Libc.Errno);
            if (n < size) return Encoding.UTF8.GetString(buffer, 0, (int)n);
            size *= 4;
        }
    }

    /// <summary>Sets atime and mtime of path itself (a symlink's own times, not its target's).</summary>
    internal static void SetTimes(string path, DateTimeOffset atime, DateTimeOffset mtime)
    {
        var times = stackalloc Libc.Timespec[2];
        times[0] = ToTimespec(atime);
        times[1] = ToTimespec(mtime);
        Check(Libc.utimensat(Libc.AT_FDCWD, path, times, Libc.AT_SYMLINK_NOFOLLOW), "utimensat", path);
    }

    internal static void SetXattr(string path, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
            Check(Libc.lsetxattr(path, name, p, (nuint)value.Length, 0), $"setxattr {name}", path);
    }

    /// <summary>The value of one attribute, or null when path does not have it.</summary>
    internal static byte[]? GetXattr(string path, string name)
    {
        while (true)
        {
            var size = Libc.lgetxattr(path, name, null, 0);
            if (size < 0)
            {
                var errno = Libc.Errno;
                if (errno is Libc.ENODATA or Libc.EOPNOTSUPP) return null;
                throw Fail($"getxattr {name}", path, errno);
            }
            var buffer = new byte[size];
            nint n;
            fixed (byte* p = buffer) n = Libc.lgetxattr(path, name, p, (nuint)buffer.Length);
            if (n >= 0) return buffer.AsSpan(0, (int)n).ToArray();
            if (Libc.Errno != Libc.ERANGE) throw Fail($"getxattr {name}", path, Libc.Errno);
        }
    }

    /// <summary>The names of path's extended attributes, sorted.</summary>
    internal static List<string> ListXattrs(string path)
    {
        while (true)
        {
            var size = Libc.llistxattr(path, null, 0);
            if (size < 0)
            {
                if (Libc.Errno == Libc.EOPNOTSUPP) return [];
                throw Fail("listxattr", path, Libc.Errno);
            }
            if (size == 0) return [];
            var buffer = new byte[size];
            nint n;
            fixed (byte* p = buffer) n = Libc.llistxattr(path, p, (nuint)buffer.Length);
            if (n < 0)
            {
                if (Libc.Errno == Libc.ERANGE) continue;
                throw Fail("listxattr", path, Libc.Errno);
            }
            var names = Encoding.UTF8.GetString(buffer, 0, (int)n).Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>fsync of a directory, so a rename into it survives a crash.</summary>
    internal static void SyncDirectory(string path) => WithDirectory(path, fd => Libc.fsync(fd), "fsync");

    /// <summary>Flushes the whole filesystem holding path: one call instead of an fsync per unpacked file.</summary>
    internal static void SyncFilesystem(string path) => WithDirectory(path, fd => Libc.syncfs(fd), "syncfs");

    private static void WithDirectory(string path, Func<int, int> call, string operation)
    {
        var fd = Libc.open(path, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0);
        if (fd < 0) throw Fail("open", path, Libc.Errno);
        try { Check(call(fd), operation, path); }
        finally { Libc.close(fd); }
    }

    /// <summary>Removes whatever is at path (a directory with its contents, never following symlinks); no-op if absent.</summary>
    internal static void RemoveAll(string path)
    {
        var st = Lstat(path);
        if (st is null) return;
        if (st.Value.IsDirectory) Directory.Delete(path, recursive: true);
        else File.Delete(path);
    }

    internal static void Check(int result, string operation, string path)
    {
        if (result != 0) throw Fail(operation, path, Libc.Errno);
    }

    internal static IOException Fail(string operation, string path, int errno)
        => new($"{operation} {path}: {Libc.ErrorText(errno)}", errno);

    internal static Libc.Timespec ToTimespec(DateTimeOffset t)
    {
        var ticks = t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0) { seconds--; rest += TimeSpan.TicksPerSecond; }
        return new Libc.Timespec { Seconds = seconds, Nanoseconds = rest * 100 };
    }
}

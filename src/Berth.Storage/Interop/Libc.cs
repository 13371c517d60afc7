using System.Runtime.InteropServices;

namespace Berth.Storage.Interop;

/// <summary>The libc calls Berth.Storage needs that .NET does not expose (devices, ownership without following
/// symlinks, extended attributes, nanosecond times, mounts). Kept here rather than shared with Berth.Runtime so the
/// storage layer stays free of runtime dependencies.</summary>
internal static unsafe partial class Libc
{
    private const string Name = "libc";

    internal const int AT_FDCWD = -100;
    internal const int AT_SYMLINK_NOFOLLOW = 0x100;
    internal const int O_RDONLY = 0;
    internal const int O_DIRECTORY = 0x10000;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_WRONLY = 1;
    internal const int O_CREAT = 0x40;
    internal const int O_EXCL = 0x80;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int EINTR = 4;

    internal const int ENOENT = 2;
    internal const int EPERM = 1;
    internal const int EEXIST = 17;
    internal const int ERANGE = 34;
    internal const int ENODATA = 61;
    internal const int EOPNOTSUPP = 95;

    internal const uint S_IFMT = 0xF000;
    internal const uint S_IFIFO = 0x1000;
    internal const uint S_IFCHR = 0x2000;
    internal const uint S_IFDIR = 0x4000;
    internal const uint S_IFBLK = 0x6000;
    internal const uint S_IFREG = 0x8000;
    internal const uint S_IFLNK = 0xA000;

    internal const ulong MS_RDONLY = 1;
    internal const ulong MS_BIND = 0x1000;
    internal const ulong MS_REC = 0x4000;
    internal const int MNT_DETACH = 2;

    internal const uint STATX_BASIC_STATS = 0x7FF;

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mknod(string path, uint mode, ulong dev);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mkdir(string path, uint mode);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chmod(string path, uint mode);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lchown(string path, int uid, int gid);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int symlink(string target, string linkPath);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int link(string existing, string newPath);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint readlink(string path, byte* buffer, nuint size);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lsetxattr(string path, string name, byte* value, nuint size, int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint lgetxattr(string path, string name, byte* value, nuint size);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint llistxattr(string path, byte* list, nuint size);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int utimensat(int dirfd, string path, Timespec* times, int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statx(int dirfd, string path, int flags, uint mask, Statx* buffer);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string source, string target, string? fsType, ulong flags, string? data);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, int mode);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fsync(int fd);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fchown(int fd, int uid, int gid);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fchmod(int fd, uint mode);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int futimens(int fd, Timespec* times);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int fsetxattr(int fd, string name, byte* value, nuint size, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int syncfs(int fd);

    [LibraryImport(Name)]
    internal static partial uint geteuid();

    /// <summary>struct timespec on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        internal long Seconds;
        internal long Nanoseconds;
    }

    /// <summary>struct statx: the same layout on every architecture, which is why it is used instead of struct stat.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Statx
    {
        internal uint Mask;
        internal uint BlockSize;
        internal ulong Attributes;
        internal uint Nlink;
        internal uint Uid;
        internal uint Gid;
        internal ushort Mode;
        private ushort _pad0;
        internal ulong Ino;
        internal ulong Size;
        internal ulong Blocks;
        internal ulong AttributesMask;
        internal StatxTimestamp Atime;
        internal StatxTimestamp Btime;
        internal StatxTimestamp Ctime;
        internal StatxTimestamp Mtime;
        internal uint RdevMajor;
        internal uint RdevMinor;
        internal uint DevMajor;
        internal uint DevMinor;
        private fixed ulong _spare[14];
    }

    /// <summary>struct statx_timestamp.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct StatxTimestamp
    {
        internal long Seconds;
        internal uint Nanoseconds;
        private int _pad;
    }

    /// <summary>glibc's makedev for 64-bit dev_t.</summary>
    internal static ulong MakeDev(uint major, uint minor)
        => ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8)
           | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

    /// <summary>The errno of the last failed call, as set by the marshaller.</summary>
    internal static int Errno => Marshal.GetLastPInvokeError();

    /// <summary>The message strerror would give, for error texts.</summary>
    internal static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}

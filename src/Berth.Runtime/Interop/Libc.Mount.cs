using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    internal const ulong MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16,
        MS_REMOUNT = 32, MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOSYMFOLLOW = 256, MS_NOATIME = 1024,
        MS_NODIRATIME = 2048, MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_SILENT = 32768,
        MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20,
        MS_RELATIME = 1 << 21, MS_I_VERSION = 1 << 23, MS_STRICTATIME = 1 << 24, MS_LAZYTIME = 1 << 25;
    internal const int MNT_DETACH = 2;
    internal const uint S_IFIFO = 0x1000, S_IFCHR = 0x2000, S_IFDIR = 0x4000, S_IFBLK = 0x6000, S_IFREG = 0x8000;
    private const long SYS_pivot_root = 155;

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string? source, string target, string? fsType, ulong flags, string? data);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chroot(string path);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mknod(string path, uint mode, ulong dev);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int lchown(string path, uint uid, uint gid);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chmod(string path, uint mode);

    [LibraryImport(Name)]
    internal static partial uint umask(uint mask);

    /// <summary>pivot_root(2), which glibc does not wrap.</summary>
    internal static int PivotRoot(string newRoot, string putOld)
    {
        var a = Marshal.StringToCoTaskMemUTF8(newRoot);
        var b = Marshal.StringToCoTaskMemUTF8(putOld);
        try { return (int)syscall(SYS_pivot_root, a, b, 0, 0, 0, 0); }
        finally { Marshal.FreeCoTaskMem(a); Marshal.FreeCoTaskMem(b); }
    }

    /// <summary>The kernel's dev_t encoding of a major/minor pair (glibc's makedev).</summary>
    internal static ulong MakeDev(long major, long minor)
    {
        var ma = (ulong)major; var mi = (ulong)minor;
        return ((ma & 0xfffff000UL) << 32) | ((ma & 0xfffUL) << 8) | ((mi & 0xffffff00UL) << 12) | (mi & 0xffUL);
    }
}

internal static unsafe partial class Libc
{
    internal const ulong ST_RDONLY = 1, ST_NOSUID = 2, ST_NODEV = 4, ST_NOEXEC = 8, ST_SYNCHRONOUS = 16,
        ST_MANDLOCK = 64, ST_NOATIME = 1024, ST_NODIRATIME = 2048, ST_RELATIME = 4096;

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statvfs(string path, byte* buffer);

    /// <summary>The mount flags (MS_*) a path's mount has now, so a remount can keep them.</summary>
    internal static ulong MountFlagsOf(string path)
    {
        // struct statvfs on x86_64: eleven 8-byte fields then spare ints; f_flag is the tenth field.
        var buffer = stackalloc byte[128];
        Check(statvfs(path, buffer), $"statvfs {path}");
        var st = *(ulong*)(buffer + 72);
        ulong flags = 0;
        if ((st & ST_RDONLY) != 0) flags |= MS_RDONLY;
        if ((st & ST_NOSUID) != 0) flags |= MS_NOSUID;
        if ((st & ST_NODEV) != 0) flags |= MS_NODEV;
        if ((st & ST_NOEXEC) != 0) flags |= MS_NOEXEC;
        if ((st & ST_SYNCHRONOUS) != 0) flags |= MS_SYNCHRONOUS;
        if ((st & ST_MANDLOCK) != 0) flags |= MS_MANDLOCK;
        if ((st & ST_NOATIME) != 0) flags |= MS_NOATIME;
        if ((st & ST_NODIRATIME) != 0) flags |= MS_NODIRATIME;
        if ((st & ST_RELATIME) != 0) flags |= MS_RELATIME;
        return flags;
    }
}

internal static unsafe partial class Libc
{
    private const long SYS_open_tree = 428, SYS_move_mount = 429; // the same on x86_64 and arm64
    private const int AT_FDCWD = -100, OPEN_TREE_CLONE = 1, AT_RECURSIVE = 0x8000, MOVE_MOUNT_F_EMPTY_PATH = 4;

    /// <summary>A detached copy of the mount tree at path (open_tree with OPEN_TREE_CLONE), close-on-exec: another
    /// process can attach it in its own mount namespace.</summary>
    internal static int CloneMountTree(string path)
    {
        fixed (byte* p = System.Text.Encoding.UTF8.GetBytes(path + "\0"))
            return (int)Check(syscall(SYS_open_tree, AT_FDCWD, (long)p, OPEN_TREE_CLONE | O_CLOEXEC | AT_RECURSIVE, 0, 0, 0),
                $"open_tree {path}");
    }

    /// <summary>Attaches a tree from <see cref="CloneMountTree"/> at target in our mount namespace (move_mount).</summary>
    internal static void AttachMountTree(int treeFd, string target)
    {
        byte empty = 0;
        fixed (byte* p = System.Text.Encoding.UTF8.GetBytes(target + "\0"))
            Check(syscall(SYS_move_mount, treeFd, (long)&empty, AT_FDCWD, (long)p, MOVE_MOUNT_F_EMPTY_PATH, 0), $"move_mount onto {target}");
    }
}

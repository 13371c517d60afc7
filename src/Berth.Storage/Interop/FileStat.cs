namespace Berth.Storage.Interop;

/// <summary>What lstat tells about one path, reduced to what layers carry.</summary>
internal readonly record struct FileStat(
    uint Mode, uint Uid, uint Gid, long Size, ulong Device, ulong Inode, uint Links,
    uint RdevMajor, uint RdevMinor, DateTimeOffset ModifiedTime)
{
    internal uint Type => Mode & Libc.S_IFMT;
    internal uint Permissions => Mode & 0xFFF;
    internal bool IsDirectory => Type == Libc.S_IFDIR;
    internal bool IsRegular => Type == Libc.S_IFREG;
    internal bool IsSymlink => Type == Libc.S_IFLNK;

    /// <summary>A char device 0/0: how overlayfs records that a lower entry was deleted.</summary>
    internal bool IsWhiteout => Type == Libc.S_IFCHR && RdevMajor == 0 && RdevMinor == 0;
}

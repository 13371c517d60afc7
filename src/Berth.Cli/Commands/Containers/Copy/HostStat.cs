using System.Runtime.InteropServices;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>What lstat tells and .NET's file APIs do not: the file type, link count, owner and identity of a host file.</summary>
internal sealed partial record HostStat(uint Mode, uint Links, uint Uid, uint Gid, ulong Inode, ulong Device)
{
    private const uint TypeMask = 0xF000, SocketType = 0xC000, RegularType = 0x8000;

    /// <summary>A unix socket, which tar cannot hold.</summary>
    public bool IsSocket => (Mode & TypeMask) == SocketType;

    /// <summary>A regular file.</summary>
    public bool IsRegular => (Mode & TypeMask) == RegularType;

    /// <summary>The path's own status (a last symbolic link not followed), or null when it cannot be read.</summary>
    public static unsafe HostStat? Of(string path)
    {
        // statx(2)'s struct is the kernel's fixed ABI: nlink at 16, uid 20, gid 24, mode 28, ino 32, dev major/minor at 136/140.
        const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, BasicStats = 0x7FF;
        var buffer = stackalloc byte[256];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, BasicStats, buffer) != 0) return null;
        var device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        return new HostStat(*(ushort*)(buffer + 28), *(uint*)(buffer + 16), *(uint*)(buffer + 20), *(uint*)(buffer + 24),
            *(ulong*)(buffer + 32), device);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int statx(int directory, string path, int flags, uint mask, byte* buffer);
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Berth.Monitor.Logs;

/// <summary>The inode of a path or an open file: how a follower notices that its file was rotated away.</summary>
internal static partial class FileIdentity
{
    // struct stat on x86_64 starts with st_dev then st_ino, 8 bytes each; the whole struct is 144 bytes.
    private const int StatBytes = 256;

    /// <summary>The inode of path, or 0 when it does not exist.</summary>
    internal static ulong Of(string path) => Berth.Runtime.Interop.Libc.IdentityOf(path)?.Inode ?? 0;

    /// <summary>The inode of an open file.</summary>
    internal static ulong Of(SafeFileHandle handle)
    {
        var buffer = new byte[StatBytes];
        return fstat((int)handle.DangerousGetHandle(), buffer) == 0 ? BitConverter.ToUInt64(buffer, 8) : 0;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fstat(int fd, [Out] byte[] buffer);
}

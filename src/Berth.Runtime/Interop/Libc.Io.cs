using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    internal const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_NOCTTY = 0x100,
        O_TRUNC = 0x200, O_NONBLOCK = 0x800, O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000, O_CLOEXEC = 0x80000,
        O_PATH = 0x200000;
    internal const int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;
    internal const uint CLOSE_RANGE_CLOEXEC = 4;
    internal const short POLLIN = 1, POLLHUP = 0x10;

    /// <summary>One entry of poll(2).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd { public int Fd; public short Events; public short Revents; }

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, int mode);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int pipe2(int* fds, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int dup3(int oldFd, int newFd, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int close_range(uint first, uint last, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Name, EntryPoint = "stat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int stat_(string path, byte* buffer);

    /// <summary>The device and inode path leads to, or null when it cannot be reached.</summary>
    internal static (ulong Device, ulong Inode)? IdentityOf(string path)
    {
        // struct stat on 64-bit Linux starts with st_dev then st_ino, 8 bytes each; 256 bytes hold all of it.
        var buffer = stackalloc byte[256];
        return stat_(path, buffer) == 0 ? (*(ulong*)buffer, *(ulong*)(buffer + 8)) : null;
    }

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mkfifo(string path, uint mode);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int ioctl(int fd, ulong request, void* arg);

    /// <summary>Writes all of the buffer, retrying on EINTR and short writes.</summary>
    internal static void WriteAll(int fd, ReadOnlySpan<byte> data, string what)
    {
        fixed (byte* p = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = write(fd, p + done, data.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EINTR) continue;
                    throw Error(what);
                }
                done += (int)n;
            }
        }
    }

    /// <summary>Reads up to buffer.Length bytes, retrying on EINTR; 0 means end of file.</summary>
    internal static int ReadSome(int fd, Span<byte> buffer, string what)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = read(fd, p, buffer.Length);
                if (n >= 0) return (int)n;
                if (Marshal.GetLastPInvokeError() != EINTR) throw Error(what);
            }
        }
    }

    /// <summary>Fills the buffer completely; false when the stream ends first.</summary>
    internal static bool ReadExactly(int fd, Span<byte> buffer, string what)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = ReadSome(fd, buffer[done..], what);
            if (n == 0) return false;
            done += n;
        }
        return true;
    }

    /// <summary>Clears close-on-exec so a spawned child inherits the descriptor.</summary>
    internal static void SetInheritable(int fd, bool inheritable)
    {
        var flags = Check(fcntl(fd, F_GETFD, 0), "fcntl");
        flags = inheritable ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
        Check(fcntl(fd, F_SETFD, flags), "fcntl");
    }
}

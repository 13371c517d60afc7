using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    /// <summary>The libc calls the cgroup library makes: cgroupfs file access, directories, eventfd, inotify and poll.</summary>
    /// <remarks>Nested so that other areas' part files can declare their own open/read/write without clashing.</remarks>
    internal static partial class Cgroupfs
    {
        internal const int O_RDONLY = 0;
        internal const int O_WRONLY = 1;
        internal const int O_TRUNC = 0x200;
        internal const int O_DIRECTORY = 0x10000;
        internal const int O_CLOEXEC = 0x80000;

        internal const int EINTR = 4;
        internal const int ENOENT = 2;
        internal const int EBUSY = 16;
        internal const int ENOTEMPTY = 39;
        internal const int EEXIST = 17;
        internal const int EINVAL = 22;
        internal const int ENOTSUP = 95;

        internal const int EFD_CLOEXEC = 0x80000;
        internal const int IN_CLOEXEC = 0x80000;
        internal const uint IN_MODIFY = 0x2;
        internal const uint IN_DELETE_SELF = 0x400;
        internal const uint IN_IGNORED = 0x8000;

        internal const short POLLIN = 0x1;
        internal const short POLLPRI = 0x2;
        internal const short POLLERR = 0x8;
        internal const short POLLHUP = 0x10;

        /// <summary>One entry of poll(2)'s array.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct PollFd
        {
            internal int Fd;
            internal short Events;
            internal short ReturnedEvents;
        }

        [LibraryImport(Name, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int open(string path, int flags, int mode);

        [LibraryImport(Name, EntryPoint = "read", SetLastError = true)]
        internal static partial nint read(int fd, byte* buffer, nint count);

        [LibraryImport(Name, EntryPoint = "write", SetLastError = true)]
        internal static partial nint write(int fd, byte* buffer, nint count);

        [LibraryImport(Name, EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mkdir(string path, uint mode);

        [LibraryImport(Name, EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rmdir(string path);

        [LibraryImport(Name, EntryPoint = "eventfd", SetLastError = true)]
        internal static partial int eventfd(uint initialValue, int flags);

        [LibraryImport(Name, EntryPoint = "inotify_init1", SetLastError = true)]
        internal static partial int inotify_init1(int flags);

        [LibraryImport(Name, EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int inotify_add_watch(int fd, string path, uint mask);

        [LibraryImport(Name, EntryPoint = "poll", SetLastError = true)]
        internal static partial int poll(PollFd* fds, ulong count, int timeoutMilliseconds);
    }
}

using System.Runtime.InteropServices;

namespace Berth.Monitor.Interop;

/// <summary>The epoll calls the output pump waits with (the runtime's Libc has none: it never multiplexes).</summary>
internal static unsafe partial class Epoll
{
    internal const int EPOLL_CLOEXEC = 0x80000, EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2;
    internal const uint EPOLLIN = 0x1, EPOLLERR = 0x8, EPOLLHUP = 0x10;

    /// <summary>struct epoll_event: packed on x86_64 (4-byte events, then the 8-byte data).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct Event { public uint Events; public long Data; }

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int epoll_ctl(int epfd, int op, int fd, Event* ev);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int epoll_wait(int epfd, Event* events, int max, int timeoutMs);
}

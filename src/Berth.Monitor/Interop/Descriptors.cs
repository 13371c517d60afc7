using System.Runtime.InteropServices;
using Berth.Runtime;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Monitor.Interop;

/// <summary>Pipe and descriptor chores of the monitor: pipes for a process's stdio, non-blocking reads, whole writes.</summary>
internal static unsafe class Descriptors
{
    private const int F_GETFL = 3, F_SETFL = 4, EPIPE = 32;
    private const short POLLOUT = 4;

    /// <summary>A pipe whose both ends are close-on-exec (the runtime gets its ends by dup2, which clears the flag).</summary>
    internal static (int Read, int Write) Pipe()
    {
        var fds = stackalloc int[2];
        Check(pipe2(fds, O_CLOEXEC), "pipe");
        return (fds[0], fds[1]);
    }

    /// <summary>Makes reads of fd return EAGAIN instead of blocking the pump.</summary>
    internal static void SetNonBlocking(int fd)
    {
        var flags = Check(fcntl(fd, F_GETFL, 0), "fcntl");
        Check(fcntl(fd, F_SETFL, flags | O_NONBLOCK), "fcntl");
    }

    /// <summary>Writes all of data, waiting while a non-blocking fd is full; false once the reader is gone.</summary>
    internal static bool WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var done = 0;
            while (done < data.Length)
            {
                var n = write(fd, start + done, data.Length - done);
                if (n >= 0) { done += (int)n; continue; }
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                if (errno == EAGAIN)
                {
                    var p = new PollFd { Fd = fd, Events = POLLOUT };
                    poll(&p, 1, 1000);
                    continue;
                }
                if (errno is EPIPE or EIO or EBADF) return false;
                throw Error("write stdin", errno);
            }
            return true;
        }
    }

    /// <summary>Closes fd if it is open (>= 0), ignoring errors: the monitor closes on every path.</summary>
    internal static void CloseQuietly(int fd)
    {
        if (fd >= 0) close(fd);
    }

    /// <summary>Wraps an errno failure as the monitor's error type.</summary>
    internal static RuntimeException Fail(string what) => Error(what);
}

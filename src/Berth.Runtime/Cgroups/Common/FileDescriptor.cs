using System.Runtime.InteropServices;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.Cgroupfs;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>An owned file descriptor (eventfd, inotify, an open cgroup file) closed on Dispose, with the raw reads the watchers need.</summary>
internal sealed unsafe class FileDescriptor : IDisposable
{
    private FileDescriptor(int fd) => Value = fd;

    /// <summary>The descriptor number.</summary>
    public int Value { get; private set; }

    /// <summary>Wraps a libc result, turning -1 into a RuntimeException naming the call.</summary>
    public static FileDescriptor From(int fd, string what) => new(Libc.Check(fd, what));

    /// <summary>A new eventfd with close-on-exec.</summary>
    public static FileDescriptor EventFd() => From(eventfd(0, EFD_CLOEXEC), "eventfd");

    /// <summary>Opens a file read-only with close-on-exec.</summary>
    public static FileDescriptor OpenRead(string path) => From(open(path, O_RDONLY | O_CLOEXEC, 0), $"open {path}");

    /// <summary>Adds to an eventfd's counter (wakes whoever polls it).</summary>
    public void Signal()
    {
        ulong one = 1;
        write(Value, (byte*)&one, sizeof(ulong));
    }

    /// <summary>Reads up to buffer.Length bytes; retries EINTR; throws on other errors.</summary>
    public int Read(Span<byte> buffer)
    {
        while (true)
        {
            nint count;
            fixed (byte* start = buffer)
                count = read(Value, start, buffer.Length);
            if (count >= 0) return (int)count;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw Libc.Error("read", errno);
        }
    }

    /// <summary>Waits until this descriptor or the other one is readable; returns true when it is this one.</summary>
    public bool WaitReadable(FileDescriptor other)
    {
        var fds = stackalloc PollFd[2];
        fds[0] = new PollFd { Fd = Value, Events = POLLIN };
        fds[1] = new PollFd { Fd = other.Value, Events = POLLIN };
        while (true)
        {
            if (poll(fds, 2, -1) >= 0) break;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) throw Libc.Error("poll", errno);
        }
        if ((fds[1].ReturnedEvents & (POLLIN | POLLERR | POLLHUP)) != 0) return false;
        return (fds[0].ReturnedEvents & (POLLIN | POLLERR | POLLHUP)) != 0;
    }

    public void Dispose()
    {
        if (Value < 0) return;
        Libc.close(Value);
        Value = -1;
    }
}

using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Terminal;

/// <summary>A pseudo-terminal pair opened through the container's own /dev/ptmx.</summary>
internal sealed record Pty(int Master, string SlavePath)
{
    private const ulong TIOCSPTLCK = 0x40045431, TIOCGPTN = 0x80045430, TIOCSWINSZ = 0x5414, TIOCSCTTY = 0x540E;

    /// <summary>Opens a new pty and unlocks its slave.</summary>
    internal static unsafe Pty Open()
    {
        var master = Check(open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC, 0), "open /dev/ptmx");
        var unlock = 0;
        Check(ioctl(master, TIOCSPTLCK, &unlock), "unlock pty");
        uint number;
        Check(ioctl(master, TIOCGPTN, &number), "get pty number");
        return new Pty(master, $"/dev/pts/{number}");
    }

    /// <summary>Sets the window size of the terminal behind fd.</summary>
    internal static unsafe void Resize(int fd, ushort rows, ushort columns)
    {
        var size = stackalloc ushort[4];
        size[0] = rows; size[1] = columns;
        Check(ioctl(fd, TIOCSWINSZ, size), "set window size");
    }

    /// <summary>Opens the slave and makes it the calling process's controlling terminal and stdio.</summary>
    internal unsafe void BecomeControllingTerminal()
    {
        var slave = Check(open(SlavePath, O_RDWR | O_CLOEXEC, 0), $"open {SlavePath}");
        Check(setsid(), "setsid");
        Check(ioctl(slave, TIOCSCTTY, null), "set controlling terminal");
        for (var fd = 0; fd <= 2; fd++) Check(dup3(slave, fd, 0), "dup pty");
        close(slave);
    }
}

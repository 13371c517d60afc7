using System.Runtime.InteropServices;

namespace Berth.Cli.Streams;

/// <summary>The controlling terminal: is a descriptor one, its size, and raw mode (cfmakeraw, as docker's
/// term.SetRawTerminal) with the earlier settings restored afterwards.</summary>
public static partial class Terminal
{
    private const ulong TIOCGWINSZ = 0x5413;
    private const int TCSANOW = 0;

    // glibc's struct termios is 60 bytes on Linux; a larger buffer keeps any padding safe.
    private const int TermiosSize = 64;

    /// <summary>True when fd is a terminal.</summary>
    public static bool IsTerminal(int fd) => isatty(fd) == 1;

    /// <summary>The terminal's rows and columns, or null when fd is not a terminal.</summary>
    public static (ushort Rows, ushort Columns)? Size(int fd)
    {
        Span<ushort> size = stackalloc ushort[4];
        unsafe
        {
            fixed (ushort* p = size)
                if (ioctl(fd, TIOCGWINSZ, p) != 0) return null;
        }
        return (size[0], size[1]);
    }

    /// <summary>Puts fd into raw mode; disposing the result restores the earlier mode (null when fd is no terminal).</summary>
    public static IDisposable? MakeRaw(int fd)
    {
        var saved = new byte[TermiosSize];
        if (tcgetattr(fd, saved) != 0) return null;
        var raw = (byte[])saved.Clone();
        cfmakeraw(raw);
        if (tcsetattr(fd, TCSANOW, raw) != 0) return null;
        return new Restore(fd, saved);
    }

    private sealed class Restore(int fd, byte[] saved) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            tcsetattr(fd, TCSANOW, saved);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int isatty(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int ioctl(int fd, ulong request, void* argument);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcgetattr(int fd, [Out] byte[] termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcsetattr(int fd, int actions, [In] byte[] termios);

    [LibraryImport("libc")]
    private static partial void cfmakeraw([In, Out] byte[] termios);
}

using System.Runtime.InteropServices;

namespace Berth.Cli.Output;

/// <summary>The width of the terminal on stdout as docker's progress display takes it: the kernel's window size
/// (0 included, which leaves out the bar), or 200 columns when there is none to ask.</summary>
public static class TerminalWidth
{
    private const nuint TIOCGWINSZ = 0x5413;

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int GetWindowSize(int fd, nuint request, out WindowSize size);

    /// <summary>Columns of stdout's terminal.</summary>
    public static int OfStdout() => GetWindowSize(1, TIOCGWINSZ, out var size) == 0 ? size.Columns : 200;
}

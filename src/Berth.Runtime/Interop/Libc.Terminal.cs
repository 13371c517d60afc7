using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    // glibc's struct termios is 60 bytes on x86_64.
    internal const int TermiosBytes = 64;
    internal const ulong TIOCGWINSZ = 0x5413;

    [LibraryImport(Name)]
    internal static partial int isatty(int fd);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int tcgetattr(int fd, byte* termios);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int tcsetattr(int fd, int when, byte* termios);

    [LibraryImport(Name)]
    internal static partial void cfmakeraw(byte* termios);
}

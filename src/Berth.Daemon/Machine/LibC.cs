using System.Runtime.InteropServices;

namespace Berth.Daemon.Machine;

/// <summary>The few libc calls berthd needs that .NET does not expose.</summary>
internal static partial class LibC
{
    /// <summary>umount2 flag: detach now, clean up when no longer busy.</summary>
    internal const int MntDetach = 2;

    [LibraryImport("libc", SetLastError = true)]
    internal static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string source, string target, string fstype, ulong flags, string data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);
}

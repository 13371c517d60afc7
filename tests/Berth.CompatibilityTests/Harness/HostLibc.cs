using System.Runtime.InteropServices;

namespace Berth.CompatibilityTests.Harness;

/// <summary>The few libc calls the harness needs that .NET does not offer: signals by number and lazy unmounts.</summary>
internal static partial class HostLibc
{
    public const int SIGTERM = 15;
    public const int SIGKILL = 9;
    public const int MNT_DETACH = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Umount2(string target, int flags);
}

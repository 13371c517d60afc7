using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static partial class Libc
{
    internal const int CLONE_NEWTIME = 0x80, CLONE_FS = 0x200, CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x2000000,
        CLONE_NEWUTS = 0x4000000, CLONE_NEWIPC = 0x8000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000,
        CLONE_NEWNET = 0x40000000;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int unshare(int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setns(int fd, int nstype);

    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial int sethostname(byte* name, nuint length);

    [LibraryImport(Name, SetLastError = true)]
    internal static unsafe partial int setdomainname(byte* name, nuint length);
}

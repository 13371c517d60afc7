using System.Runtime.InteropServices;

namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    internal const int WNOHANG = 1;
    internal const short POSIX_SPAWN_SETPGROUP = 0x02, POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08,
        POSIX_SPAWN_SETSID = 0x80;
    internal const int SIG_SETMASK = 2;
    internal const int SigSetBytes = 128;
    // glibc's opaque spawn structures are 336 and 80 bytes on x86_64; over-allocate to stay safe across builds.
    internal const int SpawnAttrBytes = 512, SpawnFileActionsBytes = 256;

    [LibraryImport(Name)]
    internal static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_init(void* attr);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_destroy(void* attr);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setflags(void* attr, short flags);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setsigmask(void* attr, void* sigset);

    [LibraryImport(Name)]
    internal static partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_init(void* actions);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_destroy(void* actions);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

    [LibraryImport(Name)]
    internal static partial int posix_spawn_file_actions_addclose(void* actions, int fd);

    [LibraryImport(Name)]
    internal static partial int sigemptyset(void* set);

    [LibraryImport(Name)]
    internal static partial int sigfillset(void* set);

    [LibraryImport(Name)]
    internal static partial int pthread_sigmask(int how, void* set, void* oldSet);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint signal(int signum, nint handler);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int kill(int pid, int signal);

    [LibraryImport(Name)]
    internal static partial int getpid();

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setsid();

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int chdir(string path);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int fchdir(int fd);

    /// <summary>Decodes a wait status into a shell-style exit code: the status, or 128+N for signal N.</summary>
    internal static int ExitCodeOf(int status)
        => (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);

    /// <summary>Waits for a child, retrying on EINTR; returns the raw wait status.</summary>
    internal static int WaitFor(int pid)
    {
        int status;
        while (waitpid(pid, &status, 0) < 0)
            if (Marshal.GetLastPInvokeError() != EINTR) throw Error($"waitpid {pid}");
        return status;
    }
}

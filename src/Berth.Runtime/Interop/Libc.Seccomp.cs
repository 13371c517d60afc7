namespace Berth.Runtime.Interop;

internal static unsafe partial class Libc
{
    /// <summary>__NR_seccomp on x86_64; glibc has no wrapper for it.</summary>
    internal const long SYS_seccomp = 317;

    /// <summary>seccomp(2) operation: install a BPF filter.</summary>
    internal const uint SECCOMP_SET_MODE_FILTER = 1;

    /// <summary>prctl option: set no_new_privs, which lets an unprivileged thread install a filter.</summary>
    internal const int PR_SET_NO_NEW_PRIVS = 38;

    /// <summary>prctl option: read the thread's seccomp mode (0 none, 1 strict, 2 filter).</summary>
    internal const int PR_GET_SECCOMP = 21;

    /// <summary>The kernel's struct sock_fprog: the length and address of a BPF program.</summary>
    internal struct SockFprog
    {
        internal ushort Length;
        internal void* Filter;
    }

    /// <summary>seccomp(2) through syscall(2): -1 with errno on failure; with TSYNC, a positive thread id that could not sync.</summary>
    internal static long seccomp(uint operation, uint flags, void* args)
        => syscall(SYS_seccomp, operation, flags, (long)args, 0, 0, 0);
}

using System.Runtime.InteropServices;
using Berth.Runtime.Interop;

namespace Berth.Runtime.Seccomp;

/// <summary>
/// Installs a compiled filter with seccomp(2) SECCOMP_SET_MODE_FILTER on the calling thread only (on every thread
/// when the profile asked for SECCOMP_FILTER_FLAG_TSYNC). It does not set no_new_privs: that is the caller's choice,
/// and without it the kernel requires CAP_SYS_ADMIN. A forked child inherits the filter, so calling this on the thread
/// that is about to execve is what confines the container's process.
/// </summary>
internal static class SeccompLoader
{
    private const int EACCES = 13;

    /// <summary>Installs <paramref name="program"/>; allocates nothing on success, as it runs right before execve.</summary>
    internal static unsafe void Load(SeccompProgram program)
    {
        var instructions = program.Instructions;
        long result;
        int errno = 0;
        fixed (SockFilter* filter = instructions)
        {
            var fprog = new Libc.SockFprog { Length = (ushort)instructions.Length, Filter = filter };
            result = Libc.seccomp(Libc.SECCOMP_SET_MODE_FILTER, (uint)program.Flags, &fprog);
            if (result == -1) errno = Marshal.GetLastPInvokeError();
        }
        if (result == 0) return;
        if (result > 0)
            throw new RuntimeException($"load seccomp filter: thread {result} could not be synchronised (SECCOMP_FILTER_FLAG_TSYNC)");
        if (errno == EACCES)
            throw new RuntimeException("load seccomp filter: permission denied (no_new_privs is not set and CAP_SYS_ADMIN is missing)");
        throw Libc.Error("load seccomp filter", errno);
    }
}

using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>The no_new_privs bit (PR_SET_NO_NEW_PRIVS) of the calling thread: once set, execve never grants privileges
/// (setuid bits and file capabilities are ignored), and it can never be cleared.</summary>
/// <remarks>It also lets an unprivileged thread install a seccomp filter, which is why the filter goes in last
/// when it is set, and before the capabilities are reduced when it is not.</remarks>
public static class NoNewPrivileges
{
    /// <summary>Sets no_new_privs on the calling thread.</summary>
    public static void Apply() => Libc.Check(Libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "setting no_new_privs");

    /// <summary>Whether no_new_privs is set on the calling thread.</summary>
    public static bool IsSet() => Libc.Check(Libc.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), "reading no_new_privs") == 1;
}

using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Init;

/// <summary>Gives the container a session keyring of its own, so it cannot read the host's keys.</summary>
internal static class SessionKeyring
{
    private const long SYS_keyctl = 250;
    private const long KEYCTL_JOIN_SESSION_KEYRING = 1;

    /// <summary>Joins a new session keyring named after the container; kernels without keyrings are fine.</summary>
    internal static void Join(string containerId)
    {
        var name = System.Runtime.InteropServices.Marshal.StringToCoTaskMemUTF8("_ses." + containerId);
        try
        {
            if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, name, 0, 0, 0, 0) < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno is not (ENOSYS or EACCES or EPERM)) throw Error("join session keyring", errno);
            }
        }
        finally { System.Runtime.InteropServices.Marshal.FreeCoTaskMem(name); }
    }
}

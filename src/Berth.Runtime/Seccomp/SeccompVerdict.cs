namespace Berth.Runtime.Seccomp;

/// <summary>The SECCOMP_RET_* values a filter returns, and their translation from OCI action names.</summary>
internal static class SeccompVerdict
{
    /// <summary>SECCOMP_RET_KILL_PROCESS.</summary>
    internal const uint KillProcess = 0x80000000;

    /// <summary>SECCOMP_RET_KILL_THREAD (also SECCOMP_RET_KILL, libseccomp's SCMP_ACT_KILL).</summary>
    internal const uint KillThread = 0x00000000;

    /// <summary>SECCOMP_RET_TRAP: the syscall fails and the thread gets SIGSYS.</summary>
    internal const uint Trap = 0x00030000;

    /// <summary>SECCOMP_RET_ERRNO; the low 16 bits hold the errno.</summary>
    internal const uint Errno = 0x00050000;

    /// <summary>SECCOMP_RET_TRACE; the low 16 bits are handed to the ptrace tracer.</summary>
    internal const uint Trace = 0x7ff00000;

    /// <summary>SECCOMP_RET_LOG: allowed, and logged.</summary>
    internal const uint Log = 0x7ffc0000;

    /// <summary>SECCOMP_RET_ALLOW.</summary>
    internal const uint Allow = 0x7fff0000;

    /// <summary>The verdict for a syscall of an ABI the profile does not list, as libseccomp's default "bad arch" action.</summary>
    internal const uint BadArchitecture = KillThread;

    /// <summary>EPERM: the errno (and trace value) when a profile gives none, as runc does.</summary>
    internal const uint DefaultErrno = 1;

    /// <summary>SECCOMP_RET_DATA: how many bits an errno or trace value may use.</summary>
    private const uint DataMask = 0xffff;

    /// <summary>The verdict of an OCI action (SCMP_ACT_*); <paramref name="errnoRet"/> counts only for ERRNO and TRACE.</summary>
    internal static uint FromAction(string action, uint? errnoRet) => action switch
    {
        "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => KillThread,
        "SCMP_ACT_KILL_PROCESS" => KillProcess,
        "SCMP_ACT_TRAP" => Trap,
        "SCMP_ACT_ERRNO" => Errno | Data(action, errnoRet),
        "SCMP_ACT_TRACE" => Trace | Data(action, errnoRet),
        "SCMP_ACT_ALLOW" => Allow,
        "SCMP_ACT_LOG" => Log,
        "SCMP_ACT_NOTIFY" => throw new RuntimeException("seccomp notify is not supported"),
        _ => throw new RuntimeException($"unknown seccomp action \"{action}\""),
    };

    private static uint Data(string action, uint? errnoRet)
    {
        uint value = errnoRet ?? DefaultErrno;
        return value <= DataMask
            ? value
            : throw new RuntimeException($"seccomp errnoRet {value} of {action} does not fit in 16 bits");
    }
}

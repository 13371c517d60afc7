namespace Berth.Runtime.Seccomp;

/// <summary>A compiled seccomp filter: the BPF instructions and the flags to install them with.</summary>
internal sealed class SeccompProgram(SockFilter[] instructions, SeccompFilterFlags flags)
{
    /// <summary>The classic BPF program, at most 4096 instructions, ending in a ret.</summary>
    internal SockFilter[] Instructions { get; } = instructions;

    /// <summary>The SECCOMP_FILTER_FLAG_* bits the profile asked for.</summary>
    internal SeccompFilterFlags Flags { get; } = flags;
}

namespace Berth.Runtime.Seccomp;

/// <summary>The SECCOMP_FILTER_FLAG_* bits passed to seccomp(2) with the filter.</summary>
[Flags]
internal enum SeccompFilterFlags : uint
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>SECCOMP_FILTER_FLAG_TSYNC: install on every thread of the process, not only the caller.</summary>
    ThreadSync = 1u << 0,

    /// <summary>SECCOMP_FILTER_FLAG_LOG: log every verdict other than ALLOW.</summary>
    Log = 1u << 1,

    /// <summary>SECCOMP_FILTER_FLAG_SPEC_ALLOW: leave speculative store bypass mitigation off.</summary>
    SpecAllow = 1u << 2,
}

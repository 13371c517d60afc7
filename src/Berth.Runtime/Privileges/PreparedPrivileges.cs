namespace Berth.Runtime.Privileges;

/// <summary>A container process's validated privileges and limits, ready for the init to apply on the thread that will
/// call execve. Every part acts on the calling thread (or, for rlimits and oom_score_adj, its process).</summary>
/// <remarks>
/// The init calls, on its main thread, after mounts, pivot_root and hostname and right before execve:
/// <list type="number">
/// <item><see cref="ApplyProcessAttributes"/>: rlimits, oom_score_adj, personality, scheduler, I/O priority,
/// no_new_privs — all while still fully privileged (raising limits, lowering the OOM score and real-time
/// scheduling need capabilities the container may not keep).</item>
/// <item>the seccomp filter, if <see cref="NoNewPrivileges"/> is false (loading it then needs CAP_SYS_ADMIN).</item>
/// <item><see cref="ApplyUserAndCapabilities"/>: bounding drop → keep-caps on → setgroups, setresgid, setresuid, umask →
/// keep-caps off → capset (effective, permitted, inheritable) → ambient raise.</item>
/// <item>the seccomp filter, if <see cref="NoNewPrivileges"/> is true (as late as possible, so the filter sees the
/// fewest of the runtime's own syscalls).</item>
/// <item>execve.</item>
/// </list>
/// Print <see cref="Warnings"/> (runc logs them as warnings) wherever the caller reports such things.
/// </remarks>
public sealed class PreparedPrivileges
{
    internal PreparedPrivileges(ResourceLimits resourceLimits, OomScore? oomScore, Personality? personality,
        SchedulingAttributes? scheduling, IoPriorityValue? ioPriority, bool noNewPrivileges, CapabilitySets capabilities,
        Identity identity, IReadOnlyList<string> warnings)
    {
        ResourceLimits = resourceLimits;
        OomScore = oomScore;
        Personality = personality;
        Scheduling = scheduling;
        IoPriority = ioPriority;
        NoNewPrivileges = noNewPrivileges;
        Capabilities = capabilities;
        Identity = identity;
        Warnings = warnings;
    }

    /// <summary>The rlimits, in spec order.</summary>
    public ResourceLimits ResourceLimits { get; }

    /// <summary>The OOM score adjustment, if the spec sets one.</summary>
    public OomScore? OomScore { get; }

    /// <summary>The execution domain, if the spec sets one.</summary>
    public Personality? Personality { get; }

    /// <summary>The CPU scheduling attributes, if the spec sets them.</summary>
    public SchedulingAttributes? Scheduling { get; }

    /// <summary>The I/O priority, if the spec sets one.</summary>
    public IoPriorityValue? IoPriority { get; }

    /// <summary>Whether no_new_privs is to be set (which also places the seccomp filter last).</summary>
    public bool NoNewPrivileges { get; }

    /// <summary>The five capability sets.</summary>
    public CapabilitySets Capabilities { get; }

    /// <summary>The uid, gid, supplementary groups and umask.</summary>
    public Identity Identity { get; }

    /// <summary>What was left out of the spec rather than failing (capabilities this host cannot grant), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Step 1: rlimits, oom_score_adj, personality, scheduler, I/O priority, no_new_privs.</summary>
    public void ApplyProcessAttributes()
    {
        ResourceLimits.Apply();
        OomScore?.Apply();
        Personality?.Apply();
        Scheduling?.Apply();
        IoPriority?.Apply();
        if (NoNewPrivileges)
            Privileges.NoNewPrivileges.Apply();
    }

    /// <summary>Step 3: the user switch wrapped in the capability steps, in the order the kernel's rules demand.</summary>
    public void ApplyUserAndCapabilities()
    {
        Capabilities.ApplyBounding();
        KeepCapabilities.Enable();
        Identity.Apply();
        KeepCapabilities.Disable();
        Capabilities.ApplyEffectivePermittedInheritable();
        Capabilities.ApplyAmbient();
    }
}

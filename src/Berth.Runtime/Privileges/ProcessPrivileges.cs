using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Privileges;

/// <summary>Validates the privilege and limit fields of an OCI process in one go, so that a bad spec fails at create
/// with a one-line message, before any container exists.</summary>
public static class ProcessPrivileges
{
    /// <summary>Validates against this host (the kernel's capabilities and the caller's bounding set) and returns the
    /// ready-to-apply privileges; see <see cref="PreparedPrivileges"/> for the order to apply them in.</summary>
    public static PreparedPrivileges Prepare(Process process, LinuxPersonality? personality = null)
        => Prepare(process, personality, HostCapabilities.Current());

    /// <summary>Validates against the given host capabilities.</summary>
    public static PreparedPrivileges Prepare(Process process, LinuxPersonality? personality, HostCapabilities host)
    {
        ArgumentNullException.ThrowIfNull(process);
        var warnings = new List<string>();
        var capabilities = CapabilitySets.FromOci(process.Capabilities, host, warnings);
        return new PreparedPrivileges(
            ResourceLimits.FromOci(process.Rlimits),
            process.OomScoreAdj is { } adjustment ? OomScore.FromOci(adjustment) : null,
            personality is null ? null : Personality.FromOci(personality),
            process.Scheduler is null ? null : SchedulingAttributes.FromOci(process.Scheduler),
            process.IoPriority is null ? null : IoPriorityValue.FromOci(process.IoPriority),
            process.NoNewPrivileges,
            capabilities,
            Identity.FromOci(process.User),
            warnings);
    }
}

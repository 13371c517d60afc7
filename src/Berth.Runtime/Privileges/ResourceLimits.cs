using System.Runtime.InteropServices;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>The validated resource limits of a container process, applied with prlimit (limits are per process).</summary>
/// <remarks>Apply while the process still holds CAP_SYS_RESOURCE, i.e. before the capabilities are reduced: raising a
/// hard limit needs it. Without it (as on hosts whose bounding set lacks it) a hard limit can only be lowered.</remarks>
public sealed class ResourceLimits
{
    private const int NoFile = 7;

    private readonly ResourceLimit[] limits;

    /// <summary>Creates the set as given; <see cref="FromOci"/> is the validating way in.</summary>
    public ResourceLimits(ReadOnlySpan<ResourceLimit> limits) => this.limits = limits.ToArray();

    /// <summary>The limits, in the order they are applied.</summary>
    public IReadOnlyList<ResourceLimit> Limits => limits;

    /// <summary>Validates OCI rlimits: known types, soft not above hard, each type once.</summary>
    public static ResourceLimits FromOci(IReadOnlyList<Rlimit>? rlimits)
    {
        if (rlimits is null || rlimits.Count == 0)
            return new ResourceLimits([]);
        var result = new ResourceLimit[rlimits.Count];
        var seen = 0UL;
        for (var i = 0; i < rlimits.Count; i++)
        {
            var rlimit = rlimits[i];
            if (!ResourceLimit.TryParseType(rlimit.Type, out var resource))
                throw new RuntimeException($"process.rlimits: unknown rlimit type \"{rlimit.Type}\"");
            if ((seen & (1UL << resource)) != 0)
                throw new RuntimeException($"process.rlimits: {ResourceLimit.TypeName(resource)} is given more than once");
            seen |= 1UL << resource;
            if (rlimit.Soft > rlimit.Hard)
                throw new RuntimeException(
                    $"process.rlimits: {ResourceLimit.TypeName(resource)} soft limit {ResourceLimit.Format(rlimit.Soft)} " +
                    $"is above its hard limit {ResourceLimit.Format(rlimit.Hard)}");
            result[i] = new ResourceLimit(resource, rlimit.Soft, rlimit.Hard);
        }
        return new ResourceLimits(result);
    }

    /// <summary>Applies every limit to the calling process.</summary>
    public void Apply() => Apply(0);

    /// <summary>Applies every limit to process <paramref name="pid"/> (0 = the calling process).</summary>
    public unsafe void Apply(int pid)
    {
        foreach (var limit in limits)
        {
            var value = new RlimitPair { Soft = limit.Soft, Hard = limit.Hard };
            if (prlimit(pid, limit.Resource, &value, null) == -1)
                throw Failure(pid, limit, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>The calling process's current limit of an OCI type (what the daemon clamps its defaults to).</summary>
    public static ResourceLimit Current(string type) => Current(0, ResourceLimit.ParseType(type));

    /// <summary>The current limit of a resource in process <paramref name="pid"/> (0 = the calling process).</summary>
    public static unsafe ResourceLimit Current(int pid, int resource)
    {
        RlimitPair value;
        if (prlimit(pid, resource, null, &value) == -1)
            throw Libc.Error($"reading rlimit {ResourceLimit.TypeName(resource)}");
        return new ResourceLimit(resource, value.Soft, value.Hard);
    }

    private static unsafe RuntimeException Failure(int pid, ResourceLimit limit, int errno)
    {
        var target = limit.Soft == limit.Hard
            ? ResourceLimit.Format(limit.Hard)
            : $"soft {ResourceLimit.Format(limit.Soft)}, hard {ResourceLimit.Format(limit.Hard)}";
        RlimitPair current;
        var hint = "";
        if (limit.Resource == NoFile && ReadNrOpen() is { } nrOpen && limit.Hard > nrOpen)
            hint = $" (above the kernel's fs.nr_open {nrOpen})";
        else if (prlimit(pid, limit.Resource, null, &current) == 0 && limit.Hard > current.Hard)
            hint = $" (current hard limit {ResourceLimit.Format(current.Hard)}; raising it needs CAP_SYS_RESOURCE)";
        var error = Libc.Error($"setting rlimit {limit.Type} to {target}", errno);
        return new RuntimeException(error.Message + hint);
    }

    private static ulong? ReadNrOpen()
    {
        try
        {
            return ulong.TryParse(File.ReadAllText("/proc/sys/fs/nr_open").AsSpan().Trim(), out var value) ? value : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

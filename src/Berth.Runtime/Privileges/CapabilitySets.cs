using System.Runtime.InteropServices;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>The five capability sets of a container process as bitmasks, validated, and the steps applying them to the
/// calling thread (capabilities are per thread in the kernel).</summary>
/// <remarks>Order around the user switch (as runc does it): <see cref="ApplyBounding"/>, <see cref="KeepCapabilities.Enable"/>,
/// <see cref="Identity.Apply"/>, <see cref="KeepCapabilities.Disable"/>, <see cref="ApplyEffectivePermittedInheritable"/>,
/// <see cref="ApplyAmbient"/>. The bounding drop needs CAP_SETPCAP and the user switch CAP_SETUID/CAP_SETGID, both still
/// effective at that point; keep-caps makes the permitted set survive a switch away from uid 0.</remarks>
public sealed class CapabilitySets
{
    /// <summary>Creates the sets as given; <see cref="FromOci"/> is the validating way in.</summary>
    public CapabilitySets(int lastCap, CapabilityMask bounding, CapabilityMask effective, CapabilityMask inheritable,
        CapabilityMask permitted, CapabilityMask ambient)
    {
        LastCap = lastCap;
        Bounding = bounding;
        Effective = effective;
        Inheritable = inheritable;
        Permitted = permitted;
        Ambient = ambient;
    }

    /// <summary>The highest capability of the kernel these sets are meant for; the bounding drop walks up to it.</summary>
    public int LastCap { get; }

    /// <summary>Capabilities the process and its descendants can ever gain.</summary>
    public CapabilityMask Bounding { get; }

    /// <summary>Capabilities the kernel checks permissions against.</summary>
    public CapabilityMask Effective { get; }

    /// <summary>Capabilities preserved across execve for programs with matching file capabilities.</summary>
    public CapabilityMask Inheritable { get; }

    /// <summary>Capabilities the process may make effective.</summary>
    public CapabilityMask Permitted { get; }

    /// <summary>Capabilities kept across execve of ordinary programs (what a non-root user keeps).</summary>
    public CapabilityMask Ambient { get; }

    /// <summary>Turns the OCI capability lists into validated masks. A missing object means no capabilities at all
    /// (as runc does). Names that are no capability throw; capabilities this kernel does not know, or the runtime itself
    /// does not hold in its bounding set, are left out with a warning (the runtime spec asks runtimes not to fail for
    /// capabilities that cannot be granted); ambient capabilities that are not both permitted and inheritable, which
    /// the kernel refuses to raise, likewise.</summary>
    public static CapabilitySets FromOci(Capabilities? capabilities, HostCapabilities host, ICollection<string> warnings)
    {
        var bounding = Parse(capabilities?.Bounding, "bounding");
        var effective = Parse(capabilities?.Effective, "effective");
        var inheritable = Parse(capabilities?.Inheritable, "inheritable");
        var permitted = Parse(capabilities?.Permitted, "permitted");
        var ambient = Parse(capabilities?.Ambient, "ambient");
        var requested = bounding.Union(effective).Union(inheritable).Union(permitted).Union(ambient);

        var known = CapabilityMask.UpTo(host.LastCap);
        var unknownToKernel = requested.Except(known);
        if (!unknownToKernel.IsEmpty)
            warnings.Add($"ignoring capabilities unknown to this kernel: {unknownToKernel}");
        var unavailable = requested.Intersect(known).Except(host.Bounding);
        if (!unavailable.IsEmpty)
            warnings.Add($"ignoring capabilities outside the runtime's bounding set: {unavailable}");

        var grantable = known.Intersect(host.Bounding);
        bounding = bounding.Intersect(grantable);
        effective = effective.Intersect(grantable);
        inheritable = inheritable.Intersect(grantable);
        permitted = permitted.Intersect(grantable);
        ambient = ambient.Intersect(grantable);

        // The kernel's capset rules, checked here so that a bad spec fails at create rather than in the init.
        var notPermitted = effective.Except(permitted);
        if (!notPermitted.IsEmpty)
            throw new RuntimeException($"process.capabilities.effective: {notPermitted} not in the permitted set");
        var notBounded = inheritable.Except(bounding);
        if (!notBounded.IsEmpty)
            throw new RuntimeException($"process.capabilities.inheritable: {notBounded} not in the bounding set");
        var notRaisable = ambient.Except(permitted.Intersect(inheritable));
        if (!notRaisable.IsEmpty)
        {
            warnings.Add($"ignoring ambient capabilities that are not both permitted and inheritable: {notRaisable}");
            ambient = ambient.Except(notRaisable);
        }

        return new CapabilitySets(host.LastCap, bounding, effective, inheritable, permitted, ambient);
    }

    private static CapabilityMask Parse(List<string>? names, string set)
    {
        var mask = CapabilityMask.Empty;
        if (names is null)
            return mask;
        foreach (var name in names)
        {
            if (!Capability.TryParse(name, out var number))
                throw new RuntimeException($"process.capabilities.{set}: unknown capability \"{name}\"");
            mask = mask.With(number);
        }
        return mask;
    }

    /// <summary>Drops from the calling thread's bounding set every capability up to <see cref="LastCap"/> that is not
    /// in <see cref="Bounding"/> (needs CAP_SETPCAP; capabilities already gone are skipped).</summary>
    public void ApplyBounding()
    {
        for (var n = 0; n <= LastCap; n++)
        {
            if (Bounding.Contains(n) || Libc.prctl(PR_CAPBSET_READ, (ulong)n, 0, 0, 0) != 1)
                continue;
            if (Libc.prctl(PR_CAPBSET_DROP, (ulong)n, 0, 0, 0) == -1)
                throw Libc.Error($"dropping {Capability.Name(n)} from the bounding set");
        }
    }

    /// <summary>Sets the calling thread's effective, permitted and inheritable sets in one capset call.</summary>
    public unsafe void ApplyEffectivePermittedInheritable()
    {
        var header = new CapHeader { Version = LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        var data = stackalloc CapData[2];
        data[0] = new CapData { Effective = Effective.Low, Permitted = Permitted.Low, Inheritable = Inheritable.Low };
        data[1] = new CapData { Effective = Effective.High, Permitted = Permitted.High, Inheritable = Inheritable.High };
        if (Libc.syscall(Sys.CapSet, (long)&header, (long)data, 0, 0, 0, 0) != -1)
            return;
        var errno = Marshal.GetLastPInvokeError();
        var missing = Permitted.Except(ReadPermitted());
        throw missing.IsEmpty
            ? Libc.Error("setting capabilities", errno)
            : Libc.Error($"setting capabilities (the process does not hold {missing})", errno);
    }

    /// <summary>Clears the calling thread's ambient set, then raises each capability of <see cref="Ambient"/>.</summary>
    public void ApplyAmbient()
    {
        if (Libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == -1)
        {
            // Kernels before 4.3 have no ambient set; nothing to clear, and nothing to do when none is asked for.
            if (Ambient.IsEmpty && Marshal.GetLastPInvokeError() == 22)
                return;
            throw Libc.Error("clearing the ambient capabilities");
        }
        for (var n = 0; n <= LastCap; n++)
        {
            if (Ambient.Contains(n) && Libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, (ulong)n, 0, 0) == -1)
                throw Libc.Error($"raising ambient capability {Capability.Name(n)}");
        }
    }

    private static unsafe CapabilityMask ReadPermitted()
    {
        var header = new CapHeader { Version = LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        var data = stackalloc CapData[2];
        return Libc.syscall(Sys.CapGet, (long)&header, (long)data, 0, 0, 0, 0) == -1
            ? CapabilityMask.UpTo(63)
            : CapabilityMask.FromHalves(data[0].Permitted, data[1].Permitted);
    }
}

using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>What a container can be granted here: the kernel's highest capability and the caller's bounding set,
/// which only shrinks down the process tree, so no descendant (user namespaces included) can hold more.</summary>
public readonly record struct HostCapabilities(int LastCap, CapabilityMask Bounding)
{
    /// <summary>Reads the running kernel's last capability and the calling thread's bounding set.</summary>
    public static HostCapabilities Current()
    {
        var last = Capability.ReadKernelLast();
        var bounding = CapabilityMask.Empty;
        for (var n = 0; n <= last; n++)
        {
            var held = Libc.prctl(PR_CAPBSET_READ, (ulong)n, 0, 0, 0);
            if (held < 0)
                throw Libc.Error($"reading the capability bounding set ({Capability.Name(n)})");
            if (held == 1)
                bounding = bounding.With(n);
        }
        return new HostCapabilities(last, bounding);
    }

    /// <summary>A host with every capability up to <paramref name="lastCap"/> available (for validation without probing).</summary>
    public static HostCapabilities Unrestricted(int lastCap = Capability.Last) => new(lastCap, CapabilityMask.UpTo(lastCap));
}

using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.UnitTests.Privileges;

public class CapabilitySetsTests
{
    private static readonly HostCapabilities FullHost = HostCapabilities.Unrestricted(40);

    private static Capabilities Docker(params string[] caps) => new()
    {
        Bounding = [.. caps], Effective = [.. caps], Permitted = [.. caps], Inheritable = [], Ambient = [],
    };

    [Fact]
    public void FromOci_BuildsOneMaskPerSet()
    {
        var warnings = new List<string>();
        var sets = CapabilitySets.FromOci(new Capabilities
        {
            Bounding = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW"],
            Permitted = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
            Effective = ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"],
            Inheritable = ["CAP_NET_BIND_SERVICE"],
            Ambient = ["net_bind_service"],
        }, FullHost, warnings);

        Assert.Equal((1UL << 0) | (1UL << 5) | (1UL << 10) | (1UL << 13), sets.Bounding.Bits);
        Assert.Equal((1UL << 0) | (1UL << 5) | (1UL << 10), sets.Permitted.Bits);
        Assert.Equal((1UL << 0) | (1UL << 10), sets.Effective.Bits);
        Assert.Equal(1UL << 10, sets.Inheritable.Bits);
        Assert.Equal(1UL << 10, sets.Ambient.Bits);
        Assert.Equal(40, sets.LastCap);
        Assert.Empty(warnings);
    }

    [Fact]
    public void FromOci_TreatsMissingCapabilitiesAsNone()
    {
        var sets = CapabilitySets.FromOci(null, FullHost, new List<string>());
        Assert.True(sets.Bounding.IsEmpty);
        Assert.True(sets.Permitted.IsEmpty);
        Assert.True(sets.Effective.IsEmpty);
        Assert.True(sets.Inheritable.IsEmpty);
        Assert.True(sets.Ambient.IsEmpty);
    }

    [Fact]
    public void FromOci_RejectsUnknownNameNamingSetAndName()
    {
        var caps = Docker("CAP_CHOWN");
        caps.Permitted!.Add("CAP_FLY");
        var error = Assert.Throws<RuntimeException>(() => CapabilitySets.FromOci(caps, FullHost, new List<string>()));
        Assert.Equal("process.capabilities.permitted: unknown capability \"CAP_FLY\"", error.Message);
    }

    [Fact]
    public void FromOci_IgnoresWithWarningCapabilitiesNewerThanTheKernel()
    {
        var warnings = new List<string>();
        var sets = CapabilitySets.FromOci(Docker("CAP_CHOWN", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"),
            HostCapabilities.Unrestricted(38), warnings);

        Assert.Equal(CapabilityMask.Of("CAP_CHOWN", "CAP_PERFMON"), sets.Permitted);
        Assert.Equal(CapabilityMask.Of("CAP_CHOWN", "CAP_PERFMON"), sets.Bounding);
        Assert.Equal(38, sets.LastCap);
        Assert.Equal(["ignoring capabilities unknown to this kernel: CAP_BPF,CAP_CHECKPOINT_RESTORE"], warnings);
    }

    [Fact]
    public void FromOci_IgnoresWithWarningCapabilitiesOutsideTheRuntimesBoundingSet()
    {
        var host = new HostCapabilities(40, CapabilityMask.UpTo(40).Except(CapabilityMask.Of("CAP_SYS_RESOURCE")));
        var warnings = new List<string>();
        var all = Enumerable.Range(0, 41).Select(Capability.Name).ToArray();
        var sets = CapabilitySets.FromOci(Docker(all), host, warnings);

        Assert.False(sets.Permitted.Contains(24));
        Assert.False(sets.Effective.Contains(24));
        Assert.False(sets.Bounding.Contains(24));
        Assert.True(sets.Permitted.Contains(21));
        Assert.Equal(["ignoring capabilities outside the runtime's bounding set: CAP_SYS_RESOURCE"], warnings);
    }

    [Fact]
    public void FromOci_RejectsEffectiveCapabilityThatIsNotPermitted()
    {
        var caps = Docker("CAP_CHOWN");
        caps.Effective!.Add("CAP_KILL");
        var error = Assert.Throws<RuntimeException>(() => CapabilitySets.FromOci(caps, FullHost, new List<string>()));
        Assert.Equal("process.capabilities.effective: CAP_KILL not in the permitted set", error.Message);
    }

    [Fact]
    public void FromOci_RejectsInheritableCapabilityOutsideTheBoundingSet()
    {
        var caps = Docker("CAP_CHOWN");
        caps.Inheritable = ["CAP_CHOWN", "CAP_NET_ADMIN"];
        var error = Assert.Throws<RuntimeException>(() => CapabilitySets.FromOci(caps, FullHost, new List<string>()));
        Assert.Equal("process.capabilities.inheritable: CAP_NET_ADMIN not in the bounding set", error.Message);
    }

    [Fact]
    public void FromOci_LeavesOutWithWarningAmbientCapabilitiesTheKernelCannotRaise()
    {
        var caps = Docker("CAP_CHOWN", "CAP_KILL");
        caps.Inheritable = ["CAP_CHOWN"];
        caps.Ambient = ["CAP_CHOWN", "CAP_KILL"];
        var warnings = new List<string>();
        var sets = CapabilitySets.FromOci(caps, FullHost, warnings);

        Assert.Equal(CapabilityMask.Of("CAP_CHOWN"), sets.Ambient);
        Assert.Equal(["ignoring ambient capabilities that are not both permitted and inheritable: CAP_KILL"], warnings);
    }
}

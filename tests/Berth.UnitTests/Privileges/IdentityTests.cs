using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.UnitTests.Privileges;

public class IdentityTests
{
    [Fact]
    public void FromOci_TakesUserGroupsAndUmask()
    {
        var identity = Identity.FromOci(new User { Uid = 1000, Gid = 100, AdditionalGids = [10, 20], Umask = 0x12 });
        Assert.Equal(1000u, identity.Uid);
        Assert.Equal(100u, identity.Gid);
        Assert.Equal([10u, 20u], identity.AdditionalGids);
        Assert.Equal(0x12u, identity.Umask);
    }

    [Fact]
    public void FromOci_TreatsMissingGroupsAsNoGroupsAndMissingUmaskAsInherited()
    {
        var identity = Identity.FromOci(new User { Uid = 0, Gid = 0, Username = "ignored" });
        Assert.Empty(identity.AdditionalGids);
        Assert.Null(identity.Umask);
    }

    [Fact]
    public void FromOci_RejectsTheUnchangedMarkerAsUid()
    {
        var error = Assert.Throws<RuntimeException>(() => Identity.FromOci(new User { Uid = uint.MaxValue }));
        Assert.Equal("process.user.uid: 4294967295 is not a valid user id", error.Message);
    }

    [Fact]
    public void FromOci_RejectsTheUnchangedMarkerAsGroup()
    {
        var error = Assert.Throws<RuntimeException>(() => Identity.FromOci(new User { AdditionalGids = [5, uint.MaxValue] }));
        Assert.Equal("process.user.additionalGids: 4294967295 is not a valid group id", error.Message);
    }

    [Fact]
    public void FromOci_RejectsUmaskAbove777()
    {
        var error = Assert.Throws<RuntimeException>(() => Identity.FromOci(new User { Umask = 0x200 }));
        Assert.Equal("process.user.umask: 1000 (octal) is above 777", error.Message);
    }
}

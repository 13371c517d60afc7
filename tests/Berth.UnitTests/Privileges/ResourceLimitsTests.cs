using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.UnitTests.Privileges;

public class ResourceLimitsTests
{
    [Theory]
    [InlineData("RLIMIT_CPU", 0)]
    [InlineData("RLIMIT_FSIZE", 1)]
    [InlineData("RLIMIT_DATA", 2)]
    [InlineData("RLIMIT_STACK", 3)]
    [InlineData("RLIMIT_CORE", 4)]
    [InlineData("RLIMIT_RSS", 5)]
    [InlineData("RLIMIT_NPROC", 6)]
    [InlineData("RLIMIT_NOFILE", 7)]
    [InlineData("RLIMIT_MEMLOCK", 8)]
    [InlineData("RLIMIT_AS", 9)]
    [InlineData("RLIMIT_LOCKS", 10)]
    [InlineData("RLIMIT_SIGPENDING", 11)]
    [InlineData("RLIMIT_MSGQUEUE", 12)]
    [InlineData("RLIMIT_NICE", 13)]
    [InlineData("RLIMIT_RTPRIO", 14)]
    [InlineData("RLIMIT_RTTIME", 15)]
    public void TypeNames_MapToKernelResourceNumbersBothWays(string type, int resource)
    {
        Assert.Equal(resource, ResourceLimit.ParseType(type));
        Assert.Equal(type, ResourceLimit.TypeName(resource));
    }

    [Fact]
    public void ParseType_IgnoresCase() => Assert.Equal(7, ResourceLimit.ParseType("rlimit_nofile"));

    [Fact]
    public void ParseType_RejectsUnknownTypeNamingIt()
    {
        var error = Assert.Throws<RuntimeException>(() => ResourceLimit.ParseType("NOFILE"));
        Assert.Equal("unknown rlimit type \"NOFILE\"", error.Message);
    }

    [Fact]
    public void FromOci_KeepsSpecOrderAndValues()
    {
        var limits = ResourceLimits.FromOci([
            new Rlimit { Type = "RLIMIT_NOFILE", Soft = 1024, Hard = 4096 },
            new Rlimit { Type = "RLIMIT_CORE", Soft = ulong.MaxValue, Hard = ulong.MaxValue },
        ]);
        Assert.Equal([new ResourceLimit(7, 1024, 4096), new ResourceLimit(4, ResourceLimit.Unlimited, ResourceLimit.Unlimited)],
            limits.Limits);
    }

    [Fact]
    public void FromOci_AcceptsNoLimits()
    {
        Assert.Empty(ResourceLimits.FromOci(null).Limits);
        Assert.Empty(ResourceLimits.FromOci([]).Limits);
    }

    [Fact]
    public void FromOci_RejectsUnknownType()
    {
        var error = Assert.Throws<RuntimeException>(() =>
            ResourceLimits.FromOci([new Rlimit { Type = "RLIMIT_FILES", Soft = 1, Hard = 1 }]));
        Assert.Equal("process.rlimits: unknown rlimit type \"RLIMIT_FILES\"", error.Message);
    }

    [Fact]
    public void FromOci_RejectsSoftAboveHard()
    {
        var error = Assert.Throws<RuntimeException>(() =>
            ResourceLimits.FromOci([new Rlimit { Type = "RLIMIT_NOFILE", Soft = 2048, Hard = 1024 }]));
        Assert.Equal("process.rlimits: RLIMIT_NOFILE soft limit 2048 is above its hard limit 1024", error.Message);
    }

    [Fact]
    public void FromOci_RejectsUnlimitedSoftWithFiniteHard()
    {
        var error = Assert.Throws<RuntimeException>(() =>
            ResourceLimits.FromOci([new Rlimit { Type = "RLIMIT_CORE", Soft = ulong.MaxValue, Hard = 0 }]));
        Assert.Equal("process.rlimits: RLIMIT_CORE soft limit unlimited is above its hard limit 0", error.Message);
    }

    [Fact]
    public void FromOci_RejectsTheSameTypeTwice()
    {
        var error = Assert.Throws<RuntimeException>(() => ResourceLimits.FromOci([
            new Rlimit { Type = "RLIMIT_NPROC", Soft = 1, Hard = 1 },
            new Rlimit { Type = "rlimit_nproc", Soft = 2, Hard = 2 },
        ]));
        Assert.Equal("process.rlimits: RLIMIT_NPROC is given more than once", error.Message);
    }

    [Fact]
    public void ClampedTo_LowersBothValuesToTheCeiling()
    {
        Assert.Equal(new ResourceLimit(7, 20000, 20000), new ResourceLimit(7, 1048576, 1048576).ClampedTo(20000));
        Assert.Equal(new ResourceLimit(7, 1024, 20000), new ResourceLimit(7, 1024, ResourceLimit.Unlimited).ClampedTo(20000));
        Assert.Equal(new ResourceLimit(7, 10, 20), new ResourceLimit(7, 10, 20).ClampedTo(20000));
    }

    [Fact]
    public void ToString_ShowsTypeAndValues()
        => Assert.Equal("RLIMIT_CORE=0:unlimited", new ResourceLimit(4, 0, ResourceLimit.Unlimited).ToString());
}

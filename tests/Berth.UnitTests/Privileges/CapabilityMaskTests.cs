using Berth.Runtime.Privileges;

namespace Berth.UnitTests.Privileges;

public class CapabilityMaskTests
{
    [Fact]
    public void UpTo_SetsEveryBitUpToTheLastCapability()
    {
        Assert.Equal(0x1ffffffffffUL, CapabilityMask.UpTo(40).Bits);
        Assert.Equal(0x1UL, CapabilityMask.UpTo(0).Bits);
        Assert.Equal(ulong.MaxValue, CapabilityMask.UpTo(63).Bits);
        Assert.True(CapabilityMask.UpTo(-1).IsEmpty);
    }

    [Fact]
    public void Of_SetsTheBitsOfTheNamedCapabilities()
    {
        var mask = CapabilityMask.Of("CAP_CHOWN", "kill", "CAP_BPF");
        Assert.Equal((1UL << 0) | (1UL << 5) | (1UL << 39), mask.Bits);
        Assert.True(mask.Contains(5));
        Assert.False(mask.Contains(6));
        Assert.False(mask.Contains(64));
    }

    [Fact]
    public void Halves_SplitAtBit32ForCapset()
    {
        var mask = CapabilityMask.Of("CAP_CHOWN", "CAP_MAC_OVERRIDE", "CAP_CHECKPOINT_RESTORE");
        Assert.Equal(1u, mask.Low);
        Assert.Equal((1u << 0) | (1u << 8), mask.High);
        Assert.Equal(mask, CapabilityMask.FromHalves(mask.Low, mask.High));
    }

    [Fact]
    public void SetOperations_BehaveLikeBitwiseOperations()
    {
        var a = CapabilityMask.Of("CAP_CHOWN", "CAP_KILL");
        var b = CapabilityMask.Of("CAP_KILL", "CAP_SETUID");
        Assert.Equal(CapabilityMask.Of("CAP_KILL"), a.Intersect(b));
        Assert.Equal(CapabilityMask.Of("CAP_CHOWN", "CAP_KILL", "CAP_SETUID"), a.Union(b));
        Assert.Equal(CapabilityMask.Of("CAP_CHOWN"), a.Except(b));
        Assert.True(CapabilityMask.Of("CAP_KILL").IsSubsetOf(a));
        Assert.False(b.IsSubsetOf(a));
        Assert.Equal([5, 7], b.Numbers());
    }

    [Fact]
    public void ToString_ListsNamesInNumberOrder()
    {
        Assert.Equal("CAP_CHOWN,CAP_KILL,CAP_SYS_ADMIN", CapabilityMask.Of("sys_admin", "kill", "chown").ToString());
        Assert.Equal("none", CapabilityMask.Empty.ToString());
    }
}

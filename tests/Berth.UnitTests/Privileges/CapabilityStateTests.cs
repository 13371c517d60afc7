using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.UnitTests.Privileges;

public class CapabilityStateTests
{
    private const string Status =
        "Name:\tsleep\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n" +
        "Groups:\t1001 1002 \nCapInh:\t0000000000000400\nCapPrm:\t0000000000000421\nCapEff:\t0000000000000401\n" +
        "CapBnd:\t000001fffeffffff\nCapAmb:\t0000000000000400\nNoNewPrivs:\t0\nSeccomp:\t0\n";

    [Fact]
    public void Parse_ReadsTheFiveCapabilityLines()
    {
        var state = CapabilityState.Parse(Status);
        Assert.Equal(0x400UL, state.Inheritable.Bits);
        Assert.Equal(0x421UL, state.Permitted.Bits);
        Assert.Equal(0x401UL, state.Effective.Bits);
        Assert.Equal(0x1fffeffffffUL, state.Bounding.Bits);
        Assert.Equal(0x400UL, state.Ambient.Bits);
        Assert.False(state.Bounding.Contains(24));
    }

    [Fact]
    public void Parse_TreatsAMissingAmbientLineAsEmpty()
    {
        var state = CapabilityState.Parse(Status.Replace("CapAmb:\t0000000000000400\n", ""));
        Assert.True(state.Ambient.IsEmpty);
        Assert.Equal(0x401UL, state.Effective.Bits);
    }

    [Fact]
    public void Parse_RejectsStatusWithoutEffectiveLine()
    {
        var error = Assert.Throws<RuntimeException>(() => CapabilityState.Parse(Status.Replace("CapEff:", "Other:")));
        Assert.Equal("process status: no CapEff line", error.Message);
    }

    [Fact]
    public void Parse_RejectsAMalformedValue()
    {
        var error = Assert.Throws<RuntimeException>(() => CapabilityState.Parse(Status.Replace("0000000000000421", "xyz")));
        Assert.Equal("process status: bad CapPrm value \"xyz\"", error.Message);
    }
}

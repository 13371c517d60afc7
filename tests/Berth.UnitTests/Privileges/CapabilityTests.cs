using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.UnitTests.Privileges;

public class CapabilityTests
{
    [Theory]
    [InlineData(0, "CAP_CHOWN")]
    [InlineData(7, "CAP_SETUID")]
    [InlineData(8, "CAP_SETPCAP")]
    [InlineData(21, "CAP_SYS_ADMIN")]
    [InlineData(24, "CAP_SYS_RESOURCE")]
    [InlineData(31, "CAP_SETFCAP")]
    [InlineData(37, "CAP_AUDIT_READ")]
    [InlineData(39, "CAP_BPF")]
    [InlineData(40, "CAP_CHECKPOINT_RESTORE")]
    public void NameAndParse_MapNumbersAndNamesBothWays(int number, string name)
    {
        Assert.Equal(name, Capability.Name(number));
        Assert.Equal(number, Capability.Parse(name));
    }

    [Fact]
    public void Name_RoundTripsEveryKnownCapability()
    {
        var names = new HashSet<string>();
        for (var n = 0; n <= Capability.Last; n++)
        {
            var name = Capability.Name(n);
            Assert.StartsWith("CAP_", name);
            Assert.True(names.Add(name), $"duplicate name {name}");
            Assert.Equal(n, Capability.Parse(name));
        }
        Assert.Equal(41, names.Count);
    }

    [Theory]
    [InlineData("cap_chown", 0)]
    [InlineData("chown", 0)]
    [InlineData("CHOWN", 0)]
    [InlineData("Cap_Sys_Admin", 21)]
    [InlineData("sys_admin", 21)]
    [InlineData("NET_BIND_SERVICE", 10)]
    public void Parse_AcceptsAnyCaseWithOrWithoutPrefix(string name, int expected)
        => Assert.Equal(expected, Capability.Parse(name));

    [Theory]
    [InlineData("CAP_FOO")]
    [InlineData("CAP_")]
    [InlineData("")]
    [InlineData("CAP_CAP_CHOWN")]
    [InlineData("CAP_CHOWN ")]
    public void Parse_RejectsUnknownNamesNamingThem(string name)
    {
        var error = Assert.Throws<RuntimeException>(() => Capability.Parse(name));
        Assert.Equal($"unknown capability \"{name}\"", error.Message);
    }

    [Fact]
    public void Name_GivesNumbersBeyondTheTableAGenericName()
        => Assert.Equal("CAP_41", Capability.Name(41));
}

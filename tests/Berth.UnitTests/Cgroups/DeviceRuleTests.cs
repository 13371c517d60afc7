using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Cgroups.Devices;

namespace Berth.UnitTests.Cgroups;

public class DeviceRuleTests
{
    internal static LinuxDeviceCgroup R(bool allow, string? type = null, long? major = null, long? minor = null, string access = "rwm")
        => new() { Allow = allow, Type = type, Major = major, Minor = minor, Access = access };

    /// <summary>Rule lists and accesses with the v1 kernel's answers ("c 1:3 rw" → allowed?).</summary>
    public static TheoryData<string, LinuxDeviceCgroup[], string, bool> Cases => new()
    {
        { "empty list allows all", [], "c 1:3 rw", true },
        { "deny-all", [R(false)], "c 1:3 r", false },
        { "deny-all then allow one", [R(false), R(true, "c", 1, 3)], "c 1:3 rwm", true },
        { "allowed one is not its neighbour", [R(false), R(true, "c", 1, 3)], "c 1:5 r", false },
        { "type matters", [R(false), R(true, "c", 1, 3)], "b 1:3 r", false },
        { "wildcard minor", [R(false), R(true, "c", 136)], "c 136:42 rw", true },
        { "wildcard major and minor", [R(false), R(true, "b", access: "m")], "b 8:0 m", true },
        { "allow must cover every bit", [R(false), R(true, "c", access: "m")], "c 5:5 rm", false },
        { "allows merge", [R(false), R(true, "c", 1, 3, "r"), R(true, "c", 1, 3, "w")], "c 1:3 rw", true },
        { "later deny removes bits", [R(false), R(true, "c", 1, 3), R(false, "c", 1, 3, "w")], "c 1:3 w", false },
        { "later deny keeps other bits", [R(false), R(true, "c", 1, 3), R(false, "c", 1, 3, "w")], "c 1:3 r", true },
        { "deny only removes the same rule, like the kernel", [R(false), R(true, "c"), R(false, "c", 1, 3)], "c 1:3 r", true },
        { "allow-all with a deny", [R(true), R(false, "c", 1, 3, "w")], "c 1:3 r", true },
        { "a deny refuses any shared bit", [R(true), R(false, "c", 1, 3, "w")], "c 1:3 rw", false },
        { "allow-all deny does not touch others", [R(true), R(false, "c", 1, 3, "w")], "c 1:5 rw", true },
        { "blanket resets earlier rules", [R(false), R(true, "c", 1, 3), R(false, "a")], "c 1:3 r", false },
        { "blanket allow at the end", [R(false), R(true)], "b 8:0 rwm", true },
        { "docker default devices", [R(false), .. DefaultDeviceRules.Create()], "c 10:200 rw", true },
        { "docker default refuses disks", [R(false), .. DefaultDeviceRules.Create()], "b 254:0 r", false },
        { "docker default allows mknod of anything", [R(false), .. DefaultDeviceRules.Create()], "b 254:0 m", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RuleSet_DecidesLikeTheV1Kernel(string name, LinuxDeviceCgroup[] rules, string access, bool allowed)
    {
        var (type, major, minor, bits) = ParseAccess(access);
        Assert.True(allowed == DeviceRuleSet.FromSpec(rules).IsAllowed(type, major, minor, bits), name);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("cc")]
    public void FromSpec_RefusesUnknownTypes(string type)
        => Assert.Contains("invalid device rule type", Assert.Throws<RuntimeException>(() => DeviceRuleSet.FromSpec([R(true, type)])).Message);

    [Fact]
    public void FromSpec_RefusesUnknownAccessAndNegativeNumbers()
    {
        Assert.Contains("only the letters r, w and m", Assert.Throws<RuntimeException>(() => DeviceRuleSet.FromSpec([R(true, "c", 1, 3, "rx")])).Message);
        Assert.Throws<RuntimeException>(() => DeviceRuleSet.FromSpec([R(true, "c", -5, 3)]));
    }

    [Fact]
    public void ToV1Line_RendersLikeDevicesList()
    {
        Assert.Equal("c 1:3 rwm", DeviceRule.FromSpec(R(true, "c", 1, 3, "mwr")).ToV1Line());
        Assert.Equal("b *:* m", DeviceRule.FromSpec(R(true, "b", access: "m")).ToV1Line());
        Assert.Equal("c 136:* rw", DeviceRule.FromSpec(R(true, "c", 136, access: "rw")).ToV1Line());
        Assert.Equal("a *:* rwm", DeviceRule.FromSpec(R(false)).ToV1Line());
        Assert.Equal("c 1:3 rwm", DeviceRule.FromSpec(R(true, "c", 1, 3, "")).ToV1Line());
    }

    [Fact]
    public void FromV1List_ReadsAllowAllAndWhitelists()
    {
        Assert.True(DeviceRuleSet.FromV1List("a *:* rwm\n").DefaultAllow);
        var list = DeviceRuleSet.FromV1List("c 1:3 rwm\nb *:* m\nc 136:* rw\n");
        Assert.False(list.DefaultAllow);
        Assert.Equal("c 1:3 rwm\nb *:* m\nc 136:* rw\n", list.ToV1List());
    }

    [Fact]
    public void V1WritesFrom_AllowAllToWhitelist_ResetsWithDenyAll()
    {
        var target = DeviceRuleSet.FromSpec([R(false), R(true, "c", 1, 3)]);

        Assert.Equal([("devices.deny", "a *:* rwm"), ("devices.allow", "c 1:3 rwm")], target.V1WritesFrom(new DeviceRuleSet()));
    }

    [Fact]
    public void V1WritesFrom_ToAllowAllWithDenies_ResetsWithAllowAllThenDenies()
    {
        var target = DeviceRuleSet.FromSpec([R(true, "a"), R(false, "b", 8, 0, "w")]);

        Assert.Equal([("devices.allow", "a *:* rwm"), ("devices.deny", "b 8:0 w")],
            target.V1WritesFrom(DeviceRuleSet.FromV1List("c 1:3 rwm\n")));
    }

    [Fact]
    public void V1WritesFrom_SameWhitelist_WritesNothing()
    {
        var target = DeviceRuleSet.FromSpec([R(false), R(true, "c", 1, 3), R(true, "c", 136, access: "rw")]);

        Assert.Empty(target.V1WritesFrom(DeviceRuleSet.FromV1List(target.ToV1List())));
    }

    internal static (DeviceType Type, long Major, long Minor, DeviceAccess Access) ParseAccess(string text)
    {
        var rule = DeviceRuleSet.ParseV1Line(text, allow: true);
        return (rule.Type, rule.Major, rule.Minor, rule.Access);
    }
}

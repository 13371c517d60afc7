using Berth.Cli.CommandLine;

namespace Berth.UnitTests.Cli;

/// <summary>Grouped shorthands parsed with pflag's rules.</summary>
public sealed class FlagSetTests
{
    private static FlagSet Flags() => new FlagSet("berth ps").Bool("all", 'a').Bool("quiet", 'q').Value("last", 'n');

    [Fact]
    public void GroupedBooleansEachCount()
    {
        var parsed = Flags().Parse(["-aq"]);
        Assert.True(parsed.IsOn("all"));
        Assert.True(parsed.IsOn("quiet"));
    }

    [Fact]
    public void ShorthandTakingAValueKeepsTheRest()
    {
        var parsed = Flags().Parse(["-qn3", "-an=4"]);
        Assert.True(parsed.IsOn("quiet"));
        Assert.True(parsed.IsOn("all"));
        Assert.Equal(["3", "4"], parsed.Values("last"));
    }

    [Fact]
    public void GroupedBooleanValueAfterEquals()
    {
        var parsed = Flags().Parse(["-qa=false"]);
        Assert.True(parsed.IsOn("quiet"));
        Assert.False(parsed.IsOn("all"));
    }

    [Fact]
    public void UnknownShorthandInAGroupIsNamed() =>
        Assert.StartsWith("unknown shorthand flag: 'x' in -ax\n", Assert.Throws<UsageError>(() => Flags().Parse(["-ax"])).Message);
}

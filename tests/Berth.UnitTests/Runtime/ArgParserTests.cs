using Berth.Runtime;
using Berth.Runtime.Cli;

namespace Berth.UnitTests.Runtime;

public sealed class ArgParserTests
{
    private static readonly FlagSet Flags = new FlagSet().Value("bundle", "b").Bool("detach", "d").Value("env", "e");

    [Fact]
    public void Parse_AcceptsGoFlagSpellings()
    {
        var a = Flags.Parse(["--bundle", "/b", "-d", "-e=A=1", "--env", "B=2", "id", "--not-a-flag"]);
        Assert.Equal("/b", a.Get("bundle"));
        Assert.True(a.IsSet("detach"));
        Assert.Equal(["A=1", "B=2"], a.All("env"));
        Assert.Equal(["id", "--not-a-flag"], a.Positional);
    }

    [Fact]
    public void Parse_SingleDashLongFlagAndExplicitFalse()
    {
        var a = Flags.Parse(["-bundle=/x", "--detach=false", "id"]);
        Assert.Equal("/x", a.Get("bundle"));
        Assert.False(a.IsSet("detach"));
    }

    [Fact]
    public void Parse_RejectsUnknownFlag() => Assert.Throws<UsageException>(() => Flags.Parse(["--nope", "id"]));

    [Fact]
    public void Parse_RejectsValueFlagWithoutValue() => Assert.Throws<UsageException>(() => Flags.Parse(["--bundle"]));

    [Theory]
    [InlineData("9", 9)]
    [InlineData("KILL", 9)]
    [InlineData("SIGTERM", 15)]
    [InlineData("sigusr1", 10)]
    [InlineData("RTMIN+2", 36)]
    [InlineData("SIGRTMAX", 64)]
    public void Signals_ParseNamesAndNumbers(string text, int expected) => Assert.Equal(expected, Signals.Parse(text));

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("SIGNOPE")]
    public void Signals_RejectUnknown(string text) => Assert.Throws<RuntimeException>(() => Signals.Parse(text));

    [Theory]
    [InlineData("64m", 64L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("512k", 512L << 10)]
    [InlineData("100", 100)]
    [InlineData("1.5m", 3L << 19)]
    [InlineData("-1", -1)]
    [InlineData("32MB", 32L << 20)]
    public void ByteSize_ParsesBinaryUnits(string text, long expected) => Assert.Equal(expected, ByteSize.Parse(text));

    [Theory]
    [InlineData("12q")]
    [InlineData("abc")]
    [InlineData("-5")]
    public void ByteSize_RejectsNonsense(string text) => Assert.Throws<RuntimeException>(() => ByteSize.Parse(text));
}

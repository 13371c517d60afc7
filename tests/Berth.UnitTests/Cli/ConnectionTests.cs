using Berth.Cli.CommandLine;
using Berth.Cli.Connection;
using Berth.Cli.Output;

namespace Berth.UnitTests.Cli;

/// <summary>CLI host parsing, version negotiation, flags and size units.</summary>
public sealed class ConnectionTests
{
    [Theory]
    [InlineData("1.47", "1.47")]
    [InlineData("1.50", "1.47")]
    [InlineData("1.41", "1.41")]
    [InlineData("1.9", "1.9")]
    [InlineData(null, "1.24")]
    [InlineData("", "1.24")]
    public void Negotiate_TakesTheLowerVersion(string? server, string expected) => Assert.Equal(expected, ApiVersions.Negotiate(server));

    [Fact]
    public void Address_Unix()
    {
        var a = DaemonAddress.Parse("unix:///run/berth/berthd.sock", tls: false);
        Assert.True(a.IsUnix);
        Assert.Equal("/run/berth/berthd.sock", a.SocketPath);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:2376", false, "127.0.0.1", 2376)]
    [InlineData("tcp://10.0.0.1", false, "10.0.0.1", 2375)]
    [InlineData("tcp://10.0.0.1", true, "10.0.0.1", 2376)]
    [InlineData("tcp://[::1]:99", false, "::1", 99)]
    public void Address_Tcp(string text, bool tls, string host, int port)
    {
        var a = DaemonAddress.Parse(text, tls);
        Assert.False(a.IsUnix);
        Assert.Equal((host, port), (a.Host, a.Port));
    }

    [Theory]
    [InlineData("ssh://host")]
    [InlineData("unix://")]
    [InlineData("tcp://host:port")]
    public void Address_Invalid(string text) => Assert.Throws<CliError>(() => DaemonAddress.Parse(text, false));

    [Fact]
    public void Flags_GlobalStopAtCommand_AndReportUnknownFlagsLikeDocker()
    {
        var flags = new FlagSet("berth").Value("host", 'H').Bool("debug", 'D');
        var parsed = flags.Parse(["-H", "unix:///x", "-D", "version", "--format", "x"], stopAtArgument: true);
        Assert.Equal("unix:///x", parsed.Get("host"));
        Assert.True(parsed.IsOn("debug"));
        Assert.Equal(["version", "--format", "x"], parsed.Arguments);
        var e = Assert.Throws<UsageError>(() => new FlagSet("berth version").Value("format", 'f').Parse(["--x"]));
        Assert.Equal("unknown flag: --x\nSee 'berth version --help'.", e.Message);
        Assert.Equal(125, e.ExitCode);
    }

    [Theory]
    [InlineData(25276026880, "23.54GiB")]
    [InlineData(512, "512B")]
    [InlineData(1536, "1.5KiB")]
    public void BytesSize(long bytes, string text) => Assert.Equal(text, Units.BytesSize(bytes));
}

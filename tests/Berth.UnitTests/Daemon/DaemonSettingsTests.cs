using Berth.Daemon.Configuration;
using Microsoft.Extensions.Logging;

namespace Berth.UnitTests.Daemon;

/// <summary>berthd flags and daemon.json: defaults, unknown keys, conflicts, refusals.</summary>
public sealed class DaemonSettingsTests
{
    private const string File = "/etc/berth/daemon.json";

    private static DaemonSettings Resolve(string[] args, string json = "")
        => SettingsResolver.Resolve(DaemonCommandLine.Parse(args), DaemonConfigFile.Parse(json, File));

    [Fact]
    public void Defaults_AreDockerLike()
    {
        var s = Resolve([]);
        Assert.Equal(ListenKind.Unix, Assert.Single(s.Hosts).Kind);
        Assert.Equal("/run/berth/berthd.sock", s.Hosts[0].Path);
        Assert.Equal("/var/lib/berth", s.DataRoot);
        Assert.Equal("/run/berth/berthd.pid", s.PidFile);
        Assert.Equal(LogLevel.Information, s.LogLevel);
    }

    [Fact]
    public void Flags_ParseWithPflagSpellings()
    {
        var s = Resolve(["-H", "unix:///tmp/a.sock", "--host=tcp://127.0.0.1:2375", "--data-root", "/srv/berth", "-D", "-p/tmp/b.pid"]);
        Assert.Equal(["unix:///tmp/a.sock", "tcp://127.0.0.1:2375"], s.Hosts.Select(h => h.ToString()));
        Assert.Equal("/srv/berth", s.DataRoot);
        Assert.Equal("/tmp/b.pid", s.PidFile);
        Assert.True(s.Debug);
        Assert.Equal(LogLevel.Debug, s.LogLevel);
    }

    [Fact]
    public void File_SetsOptions()
    {
        var s = Resolve([], """{"hosts": ["unix:///tmp/x.sock"], "data-root": "/d", "log-level": "warn", "pidfile": "/p.pid", "debug": false}""");
        Assert.Equal("/tmp/x.sock", Assert.Single(s.Hosts).Path);
        Assert.Equal("/d", s.DataRoot);
        Assert.Equal(LogLevel.Warning, s.LogLevel);
        Assert.Equal("/p.pid", s.PidFile);
    }

    [Fact]
    public void File_UnknownKeys_RefuseWithDockerdsMessage()
    {
        var e = Assert.Throws<StartupError>(() => DaemonConfigFile.Parse("""{"debug": true, "storage-driver": "x", "bip": "y"}""", File));
        Assert.Equal($"unable to configure the Berth daemon with file {File}: the following directives don't match any configuration option: bip, storage-driver",
            e.Message);
    }

    [Fact]
    public void FlagAndFile_Conflict_ListsBothValues()
    {
        var e = Assert.Throws<StartupError>(() => Resolve(["--debug", "-H", "unix:///a.sock"], """{"debug": false, "hosts": ["unix:///b.sock"]}"""));
        Assert.Contains("the following directives are specified both as a flag and in the configuration file: ", e.Message);
        Assert.Contains("hosts: (from flag: [unix:///a.sock], from file: [unix:///b.sock])", e.Message);
        Assert.Contains("debug: (from flag: true, from file: false)", e.Message);
    }

    [Theory]
    [InlineData("""{"debug": "yes"}""", "\"debug\" must be a boolean")]
    [InlineData("""{"hosts": "unix:///a"}""", "\"hosts\" must be an array of strings")]
    [InlineData("""{"debug": tru""", "invalid JSON")]
    [InlineData("""[1]""", "must be a JSON object")]
    public void File_BadValues_Refuse(string json, string expected)
        => Assert.Contains(expected, Assert.Throws<StartupError>(() => DaemonConfigFile.Parse(json, File)).Message);

    [Fact]
    public void File_MissingDefault_IsNoSettings_ButExplicitIsAnError()
    {
        var path = "/nonexistent/berth/daemon.json";
        Assert.Null(DaemonConfigFile.Load(path, explicitlyGiven: false).Debug);
        Assert.Contains("no such file or directory", Assert.Throws<StartupError>(() => DaemonConfigFile.Load(path, explicitlyGiven: true)).Message);
    }

    [Fact]
    public void LogLevel_Invalid_Refuses()
        => Assert.Equal("unable to parse logging level: loud", Assert.Throws<StartupError>(() => Resolve(["--log-level", "loud"])).Message);

    [Fact]
    public void NonLoopbackTcp_WithoutTlsVerify_Refuses()
        => Assert.Contains("refusing to listen on tcp://0.0.0.0:2375 without TLS client verification",
            Assert.Throws<StartupError>(() => Resolve(["-H", "tcp://0.0.0.0:2375"])).Message);

    [Fact]
    public void TlsVerify_NeedsCertificates()
        => Assert.Contains("TLS needs both --tlscert and --tlskey",
            Assert.Throws<StartupError>(() => Resolve(["-H", "tcp://127.0.0.1:2376", "--tlsverify"])).Message);

    [Theory]
    [InlineData("--nope", "unknown flag: --nope")]
    [InlineData("-x", "unknown shorthand flag: 'x' in -x")]
    [InlineData("--data-root", "flag needs an argument: --data-root")]
    [InlineData("start", "berthd: 'start' is not a berthd command.")]
    public void CommandLine_Errors(string arg, string message)
        => Assert.Equal(message, Assert.Throws<UsageError>(() => DaemonCommandLine.Parse([arg])).Message);
}

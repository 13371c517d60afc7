using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Daemon;

/// <summary>The berth CLI against a real berthd over its unix socket.</summary>
public sealed class CliTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private readonly DaemonProcess _daemon = fixture.Daemon;

    private CommandResult Berth(params string[] args) => Command.Run(TestPaths.CliBinary, ["-H", _daemon.Host, .. args]);

    private string ServerVersion()
    {
        using var http = UnixHttp.For(_daemon.Socket);
        return JsonDocument.Parse(http.GetStringAsync("/version").Result).RootElement.GetProperty("Version").GetString()!;
    }

    [Fact]
    public void Version_PrintsClientAndServerSections()
    {
        var r = Berth("version");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("Client:\n Version:", r.Stdout);
        Assert.Contains("\nServer: Berth Engine\n Engine:\n  Version:          " + ServerVersion() + "\n", r.Stdout);
        Assert.Contains("  API version:      1.47 (minimum version 1.41)", r.Stdout);
        Assert.Contains(" API version:       1.47\n", r.Stdout);
    }

    [Fact]
    public void Version_Formats()
    {
        Assert.Equal(ServerVersion() + "\n", Berth("version", "--format", "{{.Server.Version}}").Stdout);
        var both = Berth("version", "-f", "{{.Client.Version}}|{{.Server.Version}}");
        Assert.Equal(0, both.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+\|\d+\.\d+\.\d+\n$", both.Stdout);
        var json = JsonDocument.Parse(Berth("version", "--format", "{{json .}}").Stdout).RootElement;
        Assert.Equal("1.47", json.GetProperty("Server").GetProperty("ApiVersion").GetString());
        Assert.Equal("1.47", json.GetProperty("Client").GetProperty("ApiVersion").GetString());
    }

    [Fact]
    public void Info_PrintsServerFacts()
    {
        var r = Berth("info");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("\nServer:\n Containers: 0\n  Running: 0\n", r.Stdout);
        Assert.Contains($" Server Version: {ServerVersion()}\n", r.Stdout);
        Assert.Contains(" Cgroup Driver: cgroupfs\n", r.Stdout);
        Assert.Contains($" Berth Root Dir: {_daemon.DataRoot}\n", r.Stdout);
        Assert.Contains($" Name: {Environment.MachineName}\n", r.Stdout);
    }

    [Fact]
    public void Info_Format()
    {
        var r = Berth("info", "--format", "{{.DockerRootDir}} {{.OSType}} {{.ClientInfo.Version}}");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches($"^{_daemon.DataRoot} linux \\d+\\.\\d+\\.\\d+\n$", r.Stdout);
    }

    [Fact]
    public void BerthHostVariable_IsUsedWithoutH()
    {
        var r = Command.Shell($"BERTH_HOST={_daemon.Host} {TestPaths.CliBinary} version --format '{{{{.Server.Os}}}}'");
        Assert.Equal("linux\n", r.Stdout);
    }

    [Fact]
    public void UnreachableDaemon_SaysSo()
    {
        var host = "unix:///tmp/berth-nobody-" + Guid.NewGuid().ToString("N")[..8] + ".sock";
        foreach (var command in new[] { "version", "info" })
        {
            var r = Command.Run(TestPaths.CliBinary, ["-H", host, command]);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains($"Cannot connect to the Berth daemon at {host}. Is the berth daemon running?", r.Stderr);
        }
    }

    [Fact]
    public void UsageErrors_FollowDocker()
    {
        var unknown = Berth("frobnicate");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("berth: 'frobnicate' is not a berth command.\nSee 'berth --help'\n", unknown.Stderr);
        var flag = Berth("version", "--bogus");
        Assert.Equal(125, flag.ExitCode);
        Assert.Equal("unknown flag: --bogus\nSee 'berth version --help'.\n", flag.Stderr);
        var template = Berth("version", "--format", "{{.Server.Version");
        Assert.Equal(64, template.ExitCode);
        Assert.StartsWith("template parsing error:", template.Stderr);
        Assert.Matches(@"^Berth version \d+\.\d+\.\d+, build \w+\n$", Command.Run(TestPaths.CliBinary, ["--version"]).Stdout);
    }
}

using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Daemon;

/// <summary>The real docker CLI (28.x in /usr/local/bin, Debian's 20.10 in /usr/bin) against berthd; a missing peer fails the test.</summary>
public sealed class DockerCliTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private readonly DaemonProcess _daemon = fixture.Daemon;

    private CommandResult Docker(string binary, params string[] args)
        => Command.Shell($"DOCKER_HOST={_daemon.Host} DOCKER_CONFIG=/tmp/berth-docker-config-{Environment.ProcessId} "
                         + $"{TestPaths.PeerBinary(binary)} {string.Join(' ', args)}");

    private string ServerVersion()
    {
        using var http = UnixHttp.For(_daemon.Socket);
        return JsonDocument.Parse(http.GetStringAsync("/version").Result).RootElement.GetProperty("Version").GetString()!;
    }

    [Theory]
    [InlineData("/usr/local/bin/docker")]
    [InlineData("/usr/bin/docker")]
    public void DockerVersion_Succeeds(string binary)
    {
        var r = Docker(binary, "version");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("Server: Berth Engine", r.Stdout);
        Assert.Contains($"  Version:          {ServerVersion()}\n", r.Stdout);
        Assert.Equal(ServerVersion() + "\n", Docker(binary, "version", "--format", "'{{.Server.Version}}'").Stdout);
    }

    [Theory]
    [InlineData("/usr/local/bin/docker")]
    [InlineData("/usr/bin/docker")]
    public void DockerInfo_Succeeds(string binary)
    {
        var r = Docker(binary, "info");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($" Server Version: {ServerVersion()}\n", r.Stdout);
        Assert.Contains($" Docker Root Dir: {_daemon.DataRoot}\n", r.Stdout);
        Assert.DoesNotContain("ERROR", r.Stdout + r.Stderr);
    }
}

using System.Diagnostics;

namespace Berth.IntegrationTests.Daemon.Streams;

/// <summary>The real clients end to end through the hijack pieces: stdin piped in, closed, and the output after that still shown.</summary>
public sealed class RealClientTests : IAsyncLifetime
{
    private EchoStreamServer _server = null!;

    public async Task InitializeAsync() => _server = await EchoStreamServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/usr/local/bin/docker", "exec", "-i", "x", "cat")]
    [InlineData("/usr/bin/docker", "exec", "-i", "x", "cat")]
    [InlineData("/usr/local/bin/docker", "attach", "x")]
    [InlineData("/usr/bin/docker", "attach", "x")]
    public async Task DockerCli_PipesStdinThroughAndShowsOutputAfterItsEnd(string docker, params string[] command)
    {
        var (exit, stdout, stderr) = await RunAsync(Support.TestPaths.PeerBinary(docker), ["-H", "unix://" + _server.SocketPath, .. command], "hello\n");
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal("hello\n", stdout);
        Assert.Equal(EchoStreamServer.StdinClosed, stderr);
    }

    [Fact]
    public async Task DockerPy_ExecStartSocket_HalfClosesAndReadsTheRest()
    {
        const string script = """
            import sys, socket, docker
            from docker.utils.socket import frames_iter
            c = docker.APIClient(base_url='unix://' + sys.argv[1], version='1.41')
            e = c.exec_create('x', ['cat'], stdin=True)
            s = c.exec_start(e['Id'], socket=True)
            s._sock.sendall(b'from python\n')
            s._sock.shutdown(socket.SHUT_WR)
            for stream, data in frames_iter(s, tty=False):
                print(stream, repr(data))
            """;
        var (exit, stdout, stderr) = await RunAsync("python3", ["-c", script, _server.SocketPath], "");
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Equal("1 b'from python\\n'\n2 b'stdin closed\\n'\n", stdout);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string program, string[] arguments, string stdin)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // A private config folder, so no user context or credential helper of this machine gets in the way.
        var config = Directory.CreateTempSubdirectory("berth-docker-config-");
        start.Environment["DOCKER_CONFIG"] = config.FullName;
        try
        {
            return await RunAsync(start, stdin);
        }
        finally
        {
            config.Delete(recursive: true);
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, string stdin)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return (process.ExitCode, await stdout, await stderr);
    }
}

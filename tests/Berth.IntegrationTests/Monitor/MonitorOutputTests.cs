using System.Text;
using System.Text.Json;
using Berth.Daemon.Containers.Monitor;
using Berth.IntegrationTests.Support;
using Berth.Monitor.Logs;
using Berth.Oci.RuntimeSpec;

namespace Berth.IntegrationTests.Monitor;

/// <summary>Output, stdin, terminals and execs of real containers run by berth-monitor.</summary>
public sealed class MonitorOutputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Start_OutputReachesSubscriberFromFirstByteAndTheJsonLog()
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("/bin/sh", "-c", "echo hello; echo oops >&2; printf partial; exit 3");
        await using var subscription = await monitor.Client.SubscribeAsync(bundle.Id, CancellationToken.None);
        var pid = await monitor.Client.StartContainerAsync(monitor.Launch(bundle), CancellationToken.None);
        Assert.True(pid > 0);

        var (stdout, stderr) = await MonitorSession.DrainAsync(subscription, Timeout);
        Assert.Equal("hello\npartial", stdout);
        Assert.Equal("oops\n", stderr);
        var exit = await monitor.ExitOfAsync(bundle.Id, Timeout);
        Assert.Equal(3, exit.ExitCode);
        Assert.Equal(pid, exit.Pid);

        var lines = File.ReadAllLines(monitor.LogPath(bundle.Id));
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("{\"log\":\"hello\\n\",\"stream\":\"stdout\",\"time\":\"") && l.EndsWith("Z\"}"));
        Assert.Contains(lines, l => l.StartsWith("{\"log\":\"oops\\n\",\"stream\":\"stderr\",\"time\":\""));
        Assert.Contains(lines, l => l.StartsWith("{\"log\":\"partial\",\"stream\":\"stdout\",\"time\":\""));
        var entries = new List<LogMessage>();
        await foreach (var m in LogReader.ReadAsync("json-file", monitor.LogPath(bundle.Id), new LogReadOptions(), CancellationToken.None))
            entries.Add(m);
        Assert.Equal(["hello\n", "oops\n", "partial"], entries.Select(e => Encoding.UTF8.GetString(e.Data.Span)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stdin_RoundTripsAndCloseOnEndEndsTheProcess()
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("cat");
        await using var subscription = await monitor.Client.SubscribeAsync(bundle.Id, CancellationToken.None);
        // Attached before the start, like `docker run -i`.
        var stdin = await monitor.Client.OpenStdinAsync(bundle.Id, closeOnEnd: true, CancellationToken.None);
        await monitor.Client.StartContainerAsync(monitor.Launch(bundle, openStdin: true), CancellationToken.None);
        await stdin.WriteAsync("ping\npong\n"u8.ToArray());
        await stdin.FlushAsync();
        await stdin.DisposeAsync();

        var (stdout, _) = await MonitorSession.DrainAsync(subscription, Timeout);
        Assert.Equal("ping\npong\n", stdout);
        Assert.Equal(0, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
    }

    [Theory]
    [InlineData(false)]
    // A console socket under a long exec root would pass the 108-byte limit of a unix socket address.
    [InlineData(true)]
    public async Task Tty_OutputIsRawTerminalOutputAndResizeApplies(bool longExecRoot)
    {
        var parent = Path.Combine(Path.GetTempPath(), "berth-mon-" + Guid.NewGuid().ToString("N")[..8]);
        try { await TtyRoundTripAsync(longExecRoot ? Path.Combine(parent, new string('x', 60)) : null); }
        finally { if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true); }
    }

    private static async Task TtyRoundTripAsync(string? root)
    {
        await using var monitor = await MonitorSession.StartAsync(root);
        using var bundle = new TestBundle("/bin/sh", "-c", "read line; stty size; echo \"got $line\"; tty");
        bundle.Spec.Process!.Terminal = true;
        bundle.Write();
        await using var subscription = await monitor.Client.SubscribeAsync(bundle.Id, CancellationToken.None);
        await monitor.Client.StartContainerAsync(monitor.Launch(bundle, tty: true, openStdin: true), CancellationToken.None);
        await monitor.Client.ResizeAsync(bundle.Id, 33, 101, CancellationToken.None);
        await using (var stdin = await monitor.Client.OpenStdinAsync(bundle.Id, closeOnEnd: false, CancellationToken.None))
            await stdin.WriteAsync("hi\n"u8.ToArray());

        var (stdout, stderr) = await MonitorSession.DrainAsync(subscription, Timeout);
        Assert.Equal("", stderr);
        // The terminal echoes the input and turns \n into \r\n.
        Assert.Equal("hi\r\n33 101\r\ngot hi\r\n/dev/pts/0\r\n", stdout);
        Assert.Equal(0, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
    }

    [Fact]
    public async Task Exec_RunsInTheContainerWithItsOwnOutputAndExit()
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("sleep", "60");
        await monitor.Client.StartContainerAsync(monitor.Launch(bundle), CancellationToken.None);

        var process = new Process
        {
            Args = ["/bin/sh", "-c", "echo in-exec $(hostname); exit 5"], Cwd = "/",
            Env = ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],
        };
        var processJson = Path.Combine(monitor.ExecRoot, "exec1.json");
        File.WriteAllText(processJson, JsonSerializer.Serialize(process, OciJsonContext.Default.Process));
        const string execId = "exec1";
        await using var subscription = await monitor.Client.SubscribeAsync(execId, CancellationToken.None);
        var launch = new ExecLaunch(execId, bundle.Id, processJson, TestPaths.RuntimeBinary, monitor.RuntimeRoot, false, false);
        var pid = await monitor.Client.StartExecAsync(launch, CancellationToken.None);
        Assert.True(pid > 0);

        var (stdout, _) = await MonitorSession.DrainAsync(subscription, Timeout);
        Assert.Equal($"in-exec {bundle.Spec.Hostname}\n", stdout);
        Assert.Equal(5, (await monitor.ExitOfAsync(execId, Timeout)).ExitCode);
        Assert.False(File.Exists(monitor.LogPath(execId)), "exec output is never logged");
        var container = Assert.Single(await monitor.Client.ListAsync(CancellationToken.None), p => p.Key == bundle.Id);
        Assert.Null(container.Exit);
    }
}

using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Monitor;

/// <summary>Exit codes as Docker reports them, recorded durably and delivered to whoever watches, even later.</summary>
public sealed class MonitorExitTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KillNineOfTheInit_Reports137()
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("sleep", "60");
        var pid = await monitor.Client.StartContainerAsync(monitor.Launch(bundle), CancellationToken.None);
        Assert.Equal(0, Command.Run("kill", ["-9", pid.ToString()]).ExitCode);
        Assert.Equal(137, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
    }

    [Fact]
    public async Task Exit_IsReportedOnlyOnceAllTheOutputIsInTheLog()
    {
        await using var monitor = await MonitorSession.StartAsync();
        // The last bytes sit in the pipe when the process ends; the reaper and the output pump race for them unless the
        // exit waits. Many short runs, as `docker run` makes them, give the race every chance to show.
        for (var run = 0; run < 40; run++)
        {
            using var bundle = new TestBundle("/bin/sh", "-c", "seq 1 2000; exit 5");
            await monitor.Client.StartContainerAsync(monitor.Launch(bundle), CancellationToken.None);
            Assert.Equal(5, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
            var lines = File.ReadAllLines(monitor.LogPath(bundle.Id));
            Assert.True(lines.Length == 2000, $"run {run}: {lines.Length} of 2000 lines were in the log at the exit");
            Assert.StartsWith("{\"log\":\"2000\\n\"", lines[^1]);
        }
    }

    [Fact]
    public async Task ExitWhileNobodyWatches_IsDeliveredLaterUntilAcknowledged()
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("/bin/sh", "-c", "exit 7");
        var pid = await monitor.Client.StartContainerAsync(monitor.Launch(bundle), CancellationToken.None);
        var exitFile = Path.Combine(monitor.ExecRoot, "exits", bundle.Id + ".json");
        for (var i = 0; i < 100 && !File.Exists(exitFile); i++) await Task.Delay(100);
        Assert.True(File.Exists(exitFile), "the exit is recorded on disk");

        var exit = await monitor.ExitOfAsync(bundle.Id, Timeout);
        Assert.Equal((7, pid), (exit.ExitCode, exit.Pid));
        var listed = Assert.Single(await monitor.Client.ListAsync(CancellationToken.None));
        Assert.Equal(7, listed.Exit?.ExitCode);
        // Delivered again to the next watcher until berthd acknowledges it.
        Assert.Equal(7, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);

        await monitor.Client.AcknowledgeExitAsync(bundle.Id, CancellationToken.None);
        Assert.False(File.Exists(exitFile));
        Assert.Empty(await monitor.Client.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Monitor_IsDetachedFromItsSpawnerAndKeepsServingAfterItDies()
    {
        await using var monitor = await MonitorSession.StartAsync();
        var stat = File.ReadAllText($"/proc/{monitor.Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var (parent, session) = (int.Parse(fields[1]), int.Parse(fields[3]));
        Assert.Equal(monitor.Pid, session); // setsid: its own session, out of reach of the spawner's job control
        Assert.NotEqual(Environment.ProcessId, parent);

        // The shell that launched it is gone; the monitor is a child of init (or of the nearest subreaper), and
        // containers it starts run and report as before.
        using var bundle = new TestBundle("/bin/sh", "-c", "sleep 1; exit 4");
        await monitor.Client.StartContainerAsync(monitor.Launch(bundle), CancellationToken.None);
        Assert.Equal(4, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
        Assert.True(Directory.Exists($"/proc/{monitor.Pid}"));
    }

    [Fact]
    public async Task RestartedMonitor_ServesTheExitsItsPredecessorRecorded()
    {
        var first = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("/bin/sh", "-c", "exit 9");
        await first.Client.StartContainerAsync(first.Launch(bundle), CancellationToken.None);
        Assert.Equal(9, (await first.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
        await first.CrashAsync();

        await using var second = await MonitorSession.StartAsync(first.ExecRoot);
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.Equal(9, (await second.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
        Assert.Equal(9, Assert.Single(await second.Client.ListAsync(CancellationToken.None)).Exit?.ExitCode);
        await second.Client.AcknowledgeExitAsync(bundle.Id, CancellationToken.None);
        Assert.Empty(await second.Client.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SecondMonitor_RefusesToStartBesideALiveOne()
    {
        await using var monitor = await MonitorSession.StartAsync();
        var result = Command.Run(MonitorSession.Binary, ["--root", monitor.ExecRoot]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already listens", result.Stderr);
        Assert.Empty(await monitor.Client.ListAsync(CancellationToken.None));
    }
}

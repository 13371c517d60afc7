using System.Net.Sockets;
using System.Text;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Monitor;

/// <summary>Clients come and go (berthd restarts, `docker attach` is interrupted); the containers must not notice.</summary>
public sealed class MonitorClientDeathTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SubscriberKilledMidStream_DoesNotDisturbTheContainer()
    {
        await using var monitor = await MonitorSession.StartAsync();
        // 3.3 MB of output: more than a subscriber that never reads can hold, so the output is held back meanwhile.
        using var bundle = new TestBundle("/bin/sh", "-c", "yes 0123456789 | head -n 300000; echo done");
        var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await dead.ConnectAsync(new UnixDomainSocketEndPoint(Path.Combine(monitor.ExecRoot, "monitor.sock")));
        await dead.SendAsync(Encoding.UTF8.GetBytes($"{{\"op\":\"subscribe\",\"key\":\"{bundle.Id}\"}}\n"));
        await monitor.Client.StartContainerAsync(monitor.Launch(bundle), CancellationToken.None);
        await Task.Delay(1000);
        // Killed: the kernel resets the connection with unread data in it.
        dead.LingerState = new LingerOption(true, 0);
        dead.Dispose();

        Assert.Equal(0, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
        var log = monitor.LogPath(bundle.Id);
        for (var i = 0; i < 50 && !File.ReadLines(log).Any(l => l.StartsWith("{\"log\":\"done\\n\"")); i++) await Task.Delay(100);
        Assert.Equal(300001, File.ReadLines(log).Count());
    }

    [Fact]
    public async Task WatcherAndStdinClientsThatVanish_LeaveTheMonitorServing()
    {
        await using var monitor = await MonitorSession.StartAsync();
        using var bundle = new TestBundle("cat");
        await monitor.Client.StartContainerAsync(monitor.Launch(bundle, openStdin: true), CancellationToken.None);
        using (var cancel = new CancellationTokenSource(300))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in monitor.Client.WatchExitsAsync(cancel.Token)) { }
                cancel.Token.ThrowIfCancellationRequested();
            });
        // A stdin client without closeOnEnd leaves: the container keeps its stdin for the next one.
        await using (var stdin = await monitor.Client.OpenStdinAsync(bundle.Id, closeOnEnd: false, CancellationToken.None))
            await stdin.WriteAsync("one\n"u8.ToArray());
        var log = monitor.LogPath(bundle.Id);
        for (var i = 0; i < 100 && !(File.Exists(log) && File.ReadAllText(log).Contains("one")); i++) await Task.Delay(50);
        await using var subscription = await monitor.Client.SubscribeAsync(bundle.Id, CancellationToken.None);
        await using (var stdin = await monitor.Client.OpenStdinAsync(bundle.Id, closeOnEnd: true, CancellationToken.None))
            await stdin.WriteAsync("two\n"u8.ToArray());
        var (stdout, _) = await MonitorSession.DrainAsync(subscription, Timeout);
        Assert.Equal("two\n", stdout);
        Assert.Equal(0, (await monitor.ExitOfAsync(bundle.Id, Timeout)).ExitCode);
        Assert.Equal("one\ntwo\n", string.Concat(File.ReadLines(log).Select(l => l[8..11] + "\n")));
    }
}

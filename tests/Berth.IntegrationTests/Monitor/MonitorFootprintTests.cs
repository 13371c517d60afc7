using Berth.IntegrationTests.Support;
using Xunit.Abstractions;

namespace Berth.IntegrationTests.Monitor;

/// <summary>The ≤ 2 MB per container goal: one monitor for every container, so each adds only buffers and descriptors.</summary>
public sealed class MonitorFootprintTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwentySleepingContainers_CostTheMonitorUnderTwoMegabytesEach()
    {
        await using var monitor = await MonitorSession.StartAsync();
        await Task.Delay(500);
        var idle = monitor.RssKiB();
        var bundles = Enumerable.Range(0, 20).Select(_ => new TestBundle("sleep", "120")).ToList();
        try
        {
            foreach (var b in bundles) await monitor.Client.StartContainerAsync(monitor.Launch(b), CancellationToken.None);
            await Task.Delay(1000);
            var busy = monitor.RssKiB();
            output.WriteLine($"berth-monitor RSS: idle {idle} KiB, with 20 sleep containers {busy} KiB ({(busy - idle) / 20} KiB each)");
            Assert.Equal(20, (await monitor.Client.ListAsync(CancellationToken.None)).Count(p => p.Exit == null));
            Assert.True((busy - idle) / 20 < 2048, $"{(busy - idle) / 20} KiB per container");
        }
        finally
        {
            foreach (var b in bundles) b.Dispose();
        }
    }
}

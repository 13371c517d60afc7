using Berth.Runtime.Cgroups;

namespace Berth.UnitTests.Cgroups;

public class OomWatchTests
{
    [Fact]
    public async Task V2Watch_ReportsEachIncreaseOfOomKill_AndEndsWhenTheCgroupGoes()
    {
        using var host = FakeCgroupHost.Unified();
        var cgroup = Cgroup.Open("/c", "c", host.Layout);
        cgroup.Create();
        string directory = host.V2Dir("/c");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var started = new ManualResetEventSlim();
        var seen = Task.Run(() =>
        {
            var events = new List<OomEvent>();
            using var stream = cgroup.WatchOomEvents(cancel.Token).GetEnumerator();
            started.Set();
            while (stream.MoveNext()) events.Add(stream.Current);
            return events;
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(5)));
        Thread.Sleep(200);

        FakeCgroupHost.Set(directory, "memory.events", "low 0\nhigh 0\nmax 1\noom 1\noom_kill 0\n"); // no kill: no event
        Thread.Sleep(200);
        FakeCgroupHost.Set(directory, "memory.events", "low 0\nhigh 0\nmax 2\noom 2\noom_kill 1\n");
        Thread.Sleep(200);
        FakeCgroupHost.Set(directory, "memory.events", "low 0\nhigh 0\nmax 3\noom 3\noom_kill 3\n");
        Thread.Sleep(200);
        File.Delete(Path.Combine(directory, "memory.events"));

        var events = await seen.WaitAsync(TimeSpan.FromSeconds(10)); // throws TimeoutException if the watch does not end
        Assert.Equal([new OomEvent(1), new OomEvent(3)], events);
        Assert.False(cancel.IsCancellationRequested);
    }

    [Fact]
    public void V2Watch_EndsOnCancellation()
    {
        using var host = FakeCgroupHost.Unified();
        var cgroup = Cgroup.Open("/c", "c", host.Layout);
        cgroup.Create();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.Empty(cgroup.WatchOomEvents(cancel.Token));
    }

    [Fact]
    public void Watch_WithoutTheMemoryController_IsAClearError()
    {
        using var host = FakeCgroupHost.Unified();
        var cgroup = Cgroup.Open("/c", "c", host.Layout);
        cgroup.Create();
        File.Delete(Path.Combine(host.V2Dir("/c"), "memory.events"));

        var error = Assert.Throws<Berth.Runtime.RuntimeException>(() => cgroup.WatchOomEvents(CancellationToken.None).GetEnumerator().MoveNext());
        Assert.Contains("memory controller", error.Message);
    }
}

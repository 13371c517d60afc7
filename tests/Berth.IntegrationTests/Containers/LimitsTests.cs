using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Berth.IntegrationTests.Containers;

/// <summary>Resource limits as the kernel enforces them on berthd's containers: a memory hog is OOM-killed (inspect
/// and events say so), a fork storm stops at the pids limit, and --cpus 0.5 holds busy loops near half a CPU.</summary>
public sealed class LimitsTests(ContainerDaemonFixture f, ITestOutputHelper output) : IClassFixture<ContainerDaemonFixture>
{
    [Fact]
    public async Task MemoryLimit_OomKillIsReportedInInspectAndEvents()
    {
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        // The string doubles until the shell (PID 1) needs more than 32 MiB, swap included.
        var id = await f.CreateAsync("""
            {"Image":"busybox","Cmd":["sh","-c","x=a; while true; do x=$x$x; done"],
             "HostConfig":{"Memory":33554432,"MemorySwap":33554432}}
            """);
        try
        {
            Assert.Equal(137, await StartAndWaitAsync(id));
            var state = (await f.InspectAsync(id)).GetProperty("State");
            Assert.Equal(137, state.GetProperty("ExitCode").GetInt32());
            Assert.True(state.GetProperty("OOMKilled").GetBoolean(), state.ToString());

            var actions = await EventActionsAsync(id, since, until: "die");
            Assert.Equal(["create", "start", "oom", "die"], actions);
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    [Fact]
    public async Task PidsLimit_StopsAForkStormAtTheLimit()
    {
        // 40 background sleeps, each from a subshell so that a refused fork is counted, not fatal; then the shell
        // becomes a sleep itself (exec forks nothing) so that the container stays up to be measured.
        var id = await f.CreateAsync("""
            {"Image":"busybox","HostConfig":{"PidsLimit":20},"Cmd":["sh","-c",
             "ok=0; i=0; while [ $i -lt 40 ]; do i=$((i+1)); if (sleep 300 &) 2>/dev/null; then ok=$((ok+1)); fi; done; echo started=$ok; exec sleep 300"]}
            """);
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start")).Status);
            var logs = await PollAsync(async () =>
            {
                var (_, body) = await f.SendAsync(HttpMethod.Get, $"/containers/{id}/logs?stdout=1");
                return body.Contains("started=") ? body : null;
            }, "the fork storm to end");
            var started = int.Parse(logs[(logs.IndexOf("started=", StringComparison.Ordinal) + "started=".Length)..].TrimEnd('\n'));
            // The shell and its sleeps share the 20 slots; a subshell that could not start its sleep holds one too.
            Assert.InRange(started, 1, 19);

            var stats = JsonDocument.Parse((await f.SendAsync(HttpMethod.Get, $"/containers/{id}/stats?stream=false&one-shot=true")).Body).RootElement;
            var pids = stats.GetProperty("pids_stats");
            Assert.Equal(20, pids.GetProperty("limit").GetInt32());
            Assert.InRange(pids.GetProperty("current").GetInt32(), started, 20);
            Assert.True((await f.InspectAsync(id)).GetProperty("State").GetProperty("Running").GetBoolean());
            Assert.Equal("20", ReadCgroupFile(await PidAsync(id), "pids", "pids.max"));
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    [Fact]
    public async Task HalfACpu_HoldsTwoBusyLoopsNearFiftyPercent()
    {
        // Two loops could use both CPUs: only the quota keeps them at half of one. The machine is shared and busy, so
        // the container gets the largest weight, in a cgroup of its own at the top: left to the default weight, its
        // loops could get less than their quota from the scheduler, and the measurement would be of the load.
        var id = await f.CreateAsync("""
            {"Image":"busybox","Cmd":["sh","-c","while :; do :; done & while :; do :; done"],
             "HostConfig":{"NanoCpus":500000000,"CpuShares":262144,"CgroupParent":"/"}}
            """);
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start")).Status);
            var pid = await PidAsync(id);
            var cpuMax = UnifiedCgroups
                ? ReadCgroupFile(pid, "cpu", "cpu.max")
                : ReadCgroupFile(pid, "cpu", "cpu.cfs_quota_us") + " " + ReadCgroupFile(pid, "cpu", "cpu.cfs_period_us");
            Assert.Equal("50000 100000", cpuMax);

            // Both loops running, then a window of a few seconds: the kernel's accounting over it is what is judged.
            await PollAsync(async () => (await TopCountAsync(id)) >= 2 ? "" : null, "both loops to run");
            var first = await StatsAsync(id);
            await Task.Delay(TimeSpan.FromSeconds(6));
            var second = await StatsAsync(id);
            var percent = CpuPercent(first, second);
            output.WriteLine($"CPU of the container over the window: {percent:F1} %");
            Assert.InRange(percent, 35.0, 65.0);
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    // As the docker CLI computes it: the container's CPU time over the host's, times the number of CPUs.
    private static double CpuPercent(JsonElement first, JsonElement second)
    {
        static (double Container, double System, int Cpus) Of(JsonElement s)
        {
            var cpu = s.GetProperty("cpu_stats");
            return (cpu.GetProperty("cpu_usage").GetProperty("total_usage").GetDouble(), cpu.GetProperty("system_cpu_usage").GetDouble(),
                cpu.GetProperty("online_cpus").GetInt32());
        }
        var (c1, s1, _) = Of(first);
        var (c2, s2, cpus) = Of(second);
        Assert.True(s2 > s1, "the host's CPU time did not advance between the samples");
        return (c2 - c1) / (s2 - s1) * cpus * 100.0;
    }

    private async Task<JsonElement> StatsAsync(string id)
    {
        var (status, body) = await f.SendAsync(HttpMethod.Get, $"/containers/{id}/stats?stream=false&one-shot=true");
        Assert.True(status == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<int> TopCountAsync(string id)
        => JsonDocument.Parse((await f.SendAsync(HttpMethod.Get, $"/containers/{id}/top")).Body).RootElement.GetProperty("Processes").GetArrayLength();

    private async Task<int> StartAndWaitAsync(string id)
    {
        var wait = f.SendAsync(HttpMethod.Post, $"/containers/{id}/wait?condition=next-exit");
        var (status, text) = await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start");
        Assert.True(status == HttpStatusCode.NoContent, text);
        return JsonDocument.Parse((await wait).Body).RootElement.GetProperty("StatusCode").GetInt32();
    }

    private async Task<int> PidAsync(string id) => (await f.InspectAsync(id)).GetProperty("State").GetProperty("Pid").GetInt32();

    // The container's events from since until the first one named until (read back as a finished window).
    private async Task<List<string>> EventActionsAsync(string id, long since, string until)
    {
        var filters = Uri.EscapeDataString("{\"container\":{\"" + id + "\":true}}");
        return await PollAsync(async () =>
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var (_, body) = await f.SendAsync(HttpMethod.Get, $"/events?since={since}&until={now}&filters={filters}");
            var actions = body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Action").GetString()!).ToList();
            return actions.Contains(until) ? actions : null;
        }, $"a {until} event");
    }

    private static bool UnifiedCgroups => File.Exists("/sys/fs/cgroup/cgroup.controllers");

    // A file of the container's cgroup, read from the host through /proc/<pid>/cgroup: in the controller's v1
    // hierarchy, or in the unified one on a v2 host.
    private static string ReadCgroupFile(int pid, string controller, string file)
    {
        foreach (var line in File.ReadAllLines($"/proc/{pid}/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (UnifiedCgroups && parts[0] == "0")
                return File.ReadAllText(Path.Join("/sys/fs/cgroup", parts[2], file)).Trim();
            if (!UnifiedCgroups && parts[1].Split(',').Contains(controller))
                return File.ReadAllText(Path.Join("/sys/fs/cgroup", controller, parts[2], file)).Trim();
        }
        throw new InvalidOperationException($"process {pid} is in no {controller} cgroup");
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(200);
        }
    }
}

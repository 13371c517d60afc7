using System.Globalization;
using System.Net;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Containers;

/// <summary>Healthchecks end to end: probes run as execs in busybox containers and drive Health (status, streak, log),
/// `ps`'s status text and health filter, and health_status events, as dockerd's do.</summary>
public sealed class HealthcheckTests(ContainerDaemonFixture f) : IClassFixture<ContainerDaemonFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static string Body(string healthcheck, string cmd = "\"sleep\",\"300\"", string image = "busybox")
        => $$"""{"Image":"{{image}}","Cmd":[{{cmd}}],"HostConfig":{"NetworkMode":"none"},"Healthcheck":{{healthcheck}}}""";

    private async Task<string> RunAsync(string body)
    {
        var id = await f.CreateAsync(body);
        var (status, text) = await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start");
        Assert.True(status == HttpStatusCode.NoContent, text);
        return id;
    }

    private async Task RemoveAsync(string id) => await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");

    // Polls the container's State.Health until the condition holds; fails with the last one seen after the deadline.
    internal static async Task<JsonElement> HealthWhenAsync(Func<Task<JsonElement>> inspect, Func<JsonElement, bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        JsonElement health = default;
        while (DateTime.UtcNow < until)
        {
            var state = (await inspect()).GetProperty("State");
            if (state.TryGetProperty("Health", out health) && condition(health)) return health;
            await Task.Delay(150);
        }
        throw new Xunit.Sdk.XunitException($"health never became {what}; last: {health}");
    }

    private Task<JsonElement> HealthWhenAsync(string id, Func<JsonElement, bool> condition, string what)
        => HealthWhenAsync(() => f.InspectAsync(id), condition, what);

    private static string Status(JsonElement health) => health.GetProperty("Status").GetString()!;

    private async Task<string> PsStatusAsync(string id, string? healthFilter = null)
    {
        var filters = healthFilter is null ? "" : "?filters=" + Uri.EscapeDataString($$"""{"health":["{{healthFilter}}"]}""");
        var (_, list) = await f.SendAsync(HttpMethod.Get, "/containers/json" + filters);
        return JsonDocument.Parse(list).RootElement.EnumerateArray().Where(r => r.GetProperty("Id").GetString() == id)
            .Select(r => r.GetProperty("Status").GetString()!).SingleOrDefault() ?? "";
    }

    [Fact]
    public async Task APassingCheckMakesTheContainerHealthy()
    {
        var id = await RunAsync(Body("""{"Test":["CMD-SHELL","echo ok; id -u"],"Interval":300000000}"""));
        try
        {
            var inspect = await f.InspectAsync(id);
            Assert.Equal("""{"Test":["CMD-SHELL","echo ok; id -u"],"Interval":300000000}""", inspect.GetProperty("Config").GetProperty("Healthcheck").GetRawText());
            var health = await HealthWhenAsync(id, h => Status(h) == "healthy", "healthy");
            Assert.Equal(0, health.GetProperty("FailingStreak").GetInt32());
            var probe = health.GetProperty("Log").EnumerateArray().Last();
            Assert.Equal(0, probe.GetProperty("ExitCode").GetInt32());
            Assert.Equal("ok\n0\n", probe.GetProperty("Output").GetString());
            Assert.True(ProbeStart(probe) <= DateTimeOffset.Parse(probe.GetProperty("End").GetString()!, CultureInfo.InvariantCulture), probe.ToString());

            Assert.EndsWith(" (healthy)", await PsStatusAsync(id));
            Assert.EndsWith(" (healthy)", await PsStatusAsync(id, "healthy"));
            Assert.Equal("", await PsStatusAsync(id, "unhealthy"));
            Assert.Equal("", await PsStatusAsync(id, "none"));
            // Five probes at most are kept.
            health = await HealthWhenAsync(id, h => h.GetProperty("Log").GetArrayLength() == 5, "five probes long");
            await Task.Delay(1000);
            Assert.Equal(5, (await HealthWhenAsync(id, _ => true, "present")).GetProperty("Log").GetArrayLength());
        }
        finally { await RemoveAsync(id); }
    }

    [Fact]
    public async Task FailuresMakeItUnhealthyAfterTheRetries()
    {
        var id = await RunAsync(Body("""{"Test":["CMD-SHELL","echo out; echo err >&2; exit 3"],"Interval":300000000,"Retries":2}"""));
        try
        {
            var health = await HealthWhenAsync(id, h => Status(h) != "starting", "decided");
            Assert.Equal("unhealthy", Status(health));
            Assert.True(health.GetProperty("FailingStreak").GetInt32() >= 2, health.ToString());
            var probe = health.GetProperty("Log").EnumerateArray().Last();
            Assert.Equal(3, probe.GetProperty("ExitCode").GetInt32());
            Assert.Equal("out\nerr\n", probe.GetProperty("Output").GetString());
            Assert.EndsWith(" (unhealthy)", await PsStatusAsync(id, "unhealthy"));
            Assert.Equal("", await PsStatusAsync(id, "healthy"));
        }
        finally { await RemoveAsync(id); }
    }

    [Fact]
    public async Task AProbePastItsTimeoutFailsWithDockerdsMessage()
    {
        var id = await RunAsync(Body("""{"Test":["CMD","sleep","77"],"Interval":300000000,"Timeout":300000000,"Retries":1}"""));
        try
        {
            var health = await HealthWhenAsync(id, h => Status(h) == "unhealthy", "unhealthy");
            var probe = health.GetProperty("Log").EnumerateArray().Last();
            Assert.Equal(-1, probe.GetProperty("ExitCode").GetInt32());
            Assert.Equal("Health check exceeded timeout (300ms)", probe.GetProperty("Output").GetString());
            // The probe was ended: no `sleep 77` piles up in the container.
            await HealthWhenAsync(id, h => h.GetProperty("Log").GetArrayLength() >= 3, "three probes long");
            var (_, top) = await f.SendAsync(HttpMethod.Get, $"/containers/{id}/top");
            var sleeps = JsonDocument.Parse(top).RootElement.GetProperty("Processes").EnumerateArray()
                .Count(p => p.EnumerateArray().Last().GetString()!.Contains("sleep 77", StringComparison.Ordinal));
            Assert.True(sleeps <= 1, top);
        }
        finally { await RemoveAsync(id); }
    }

    [Fact]
    public async Task FailuresInTheStartPeriodDoNotCount()
    {
        var id = await RunAsync(Body("""{"Test":["CMD","false"],"Interval":300000000,"Retries":1,"StartPeriod":600000000000}"""));
        try
        {
            var health = await HealthWhenAsync(id, h => h.GetProperty("Log").GetArrayLength() >= 3, "three probes long");
            Assert.Equal("starting", Status(health));
            Assert.Equal(0, health.GetProperty("FailingStreak").GetInt32());
            Assert.All(health.GetProperty("Log").EnumerateArray(), p => Assert.Equal(1, p.GetProperty("ExitCode").GetInt32()));
            Assert.EndsWith(" (health: starting)", await PsStatusAsync(id, "starting"));
        }
        finally { await RemoveAsync(id); }
    }

    [Fact]
    public async Task TheImagesHealthcheckIsInheritedMergedOrDisabled()
    {
        var source = await f.CreateAsync("""{"Image":"busybox","Cmd":["true"]}""");
        var change = Uri.EscapeDataString("HEALTHCHECK --interval=30s --retries=1 CMD test -e /etc/passwd");
        var (status, text) = await f.SendAsync(HttpMethod.Post, $"/commit?container={source}&repo=health-image&tag=v1&changes={change}");
        Assert.True(status == HttpStatusCode.Created, text);
        var (_, image) = await f.SendAsync(HttpMethod.Get, "/images/health-image:v1/json");
        Assert.Equal("""{"Test":["CMD-SHELL","test -e /etc/passwd"],"Interval":30000000000,"Retries":1}""",
            JsonDocument.Parse(image).RootElement.GetProperty("Config").GetProperty("Healthcheck").GetRawText());

        var merged = await RunAsync(Body("""{"Interval":300000000}""", image: "health-image:v1"));
        var disabled = await RunAsync(Body("""{"Test":["NONE"]}""", image: "health-image:v1"));
        try
        {
            Assert.Equal("""{"Test":["CMD-SHELL","test -e /etc/passwd"],"Interval":300000000,"Retries":1}""",
                (await f.InspectAsync(merged)).GetProperty("Config").GetProperty("Healthcheck").GetRawText());
            await HealthWhenAsync(merged, h => Status(h) == "healthy", "healthy");

            var off = await f.InspectAsync(disabled);
            // dockerd merges field by field even over NONE (checked against dockerd 20.10).
            Assert.Equal("""{"Test":["NONE"],"Interval":30000000000,"Retries":1}""", off.GetProperty("Config").GetProperty("Healthcheck").GetRawText());
            Assert.False(off.GetProperty("State").TryGetProperty("Health", out _));
            Assert.Matches("^Up [^(]*$", await PsStatusAsync(disabled, "none"));
        }
        finally
        {
            await RemoveAsync(merged);
            await RemoveAsync(disabled);
            await RemoveAsync(source);
            await f.SendAsync(HttpMethod.Delete, "/images/health-image:v1");
        }
    }

    [Fact]
    public async Task BadValuesAreRefusedAndCreateNothing()
    {
        var (_, before) = await f.SendAsync(HttpMethod.Get, "/containers/json?all=1");
        foreach (var (health, message) in new[]
                 {
                     ("""{"Test":["CMD","true"],"Interval":1000}""", "Interval in Healthcheck cannot be less than 1ms"),
                     ("""{"Test":["CMD","true"],"Timeout":-5}""", "Timeout in Healthcheck cannot be less than 1ms"),
                     ("""{"Test":["CMD","true"],"Retries":-1}""", "Retries in Healthcheck cannot be negative"),
                     ("""{"Test":["CMD","true"],"StartPeriod":5}""", "StartPeriod in Healthcheck cannot be less than 1ms"),
                 })
        {
            var (status, text) = await f.SendAsync(HttpMethod.Post, "/containers/create", Body(health));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(message, ContainerDaemonFixture.Message(text));
        }
        var (_, after) = await f.SendAsync(HttpMethod.Get, "/containers/json?all=1");
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetArrayLength(), JsonDocument.Parse(after).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task ProbesAndStatusChangesAreAnnouncedAsDockerdDoes()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds();
        var id = await RunAsync(Body("""{"Test":["CMD","true"],"Interval":300000000}"""));
        try
        {
            await HealthWhenAsync(id, h => Status(h) == "healthy", "healthy");
            await HealthWhenAsync(id, h => h.GetProperty("Log").GetArrayLength() >= 2, "two probes long");
            var until = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
            await Task.Delay(1200);
            var filters = Uri.EscapeDataString($$"""{"container":["{{id}}"]}""");
            var (status, text) = await f.SendAsync(HttpMethod.Get, $"/events?since={since}&until={until}&filters={filters}");
            Assert.Equal(HttpStatusCode.OK, status);
            var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var actions = events.Select(e => e.GetProperty("Action").GetString()!).ToList();
            // dockerd writes the entrypoint, a space, then the arguments: a probe without arguments ends in a space.
            var create = events.First(e => e.GetProperty("Action").GetString() == "exec_create: true ");
            var execId = create.GetProperty("Actor").GetProperty("Attributes").GetProperty("execID").GetString();
            Assert.Contains(events, e => e.GetProperty("Action").GetString() == "exec_start: true "
                                          && e.GetProperty("Actor").GetProperty("Attributes").GetProperty("execID").GetString() == execId);
            var die = events.First(e => e.GetProperty("Action").GetString() == "exec_die"
                                        && e.GetProperty("Actor").GetProperty("Attributes").GetProperty("execID").GetString() == execId);
            Assert.Equal("0", die.GetProperty("Actor").GetProperty("Attributes").GetProperty("exitCode").GetString());
            Assert.Equal(1, actions.Count(a => a == "health_status: healthy"));
            Assert.True(actions.IndexOf("start") < actions.IndexOf("health_status: healthy"), string.Join(", ", actions));
            Assert.True(actions.IndexOf("exec_die") < actions.IndexOf("health_status: healthy"), string.Join(", ", actions));
            Assert.Equal("busybox", events.Single(e => e.GetProperty("Action").GetString() == "health_status: healthy")
                .GetProperty("Actor").GetProperty("Attributes").GetProperty("image").GetString());
        }
        finally { await RemoveAsync(id); }
    }

    [Fact]
    public async Task PausingStopsProbesAndStoppingReportsUnhealthyUntilTheNextStart()
    {
        var id = await RunAsync(Body("""{"Test":["CMD","true"],"Interval":300000000}"""));
        try
        {
            await HealthWhenAsync(id, h => Status(h) == "healthy", "healthy");
            Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/pause")).Status);
            var paused = (await f.InspectAsync(id)).GetProperty("State").GetProperty("Health");
            Assert.Equal("unhealthy", Status(paused));
            var lastProbe = paused.GetProperty("Log").EnumerateArray().Last().GetProperty("Start").GetString();
            await Task.Delay(1500);
            var still = (await f.InspectAsync(id)).GetProperty("State").GetProperty("Health");
            Assert.Equal(lastProbe, still.GetProperty("Log").EnumerateArray().Last().GetProperty("Start").GetString());

            Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/unpause")).Status);
            await HealthWhenAsync(id, h => Status(h) == "healthy", "healthy again");

            Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/stop?t=1")).Status);
            var stopped = (await f.InspectAsync(id)).GetProperty("State").GetProperty("Health");
            Assert.Equal("unhealthy", Status(stopped));
            Assert.True(stopped.GetProperty("Log").GetArrayLength() > 0);
            Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start")).Status);
            var restarted = (await f.InspectAsync(id)).GetProperty("State").GetProperty("Health");
            Assert.Contains(Status(restarted), new[] { "starting", "healthy" });
            Assert.Equal(0, restarted.GetProperty("FailingStreak").GetInt32());
            await HealthWhenAsync(id, h => Status(h) == "healthy", "healthy after the restart");
        }
        finally { await RemoveAsync(id); }
    }

    [Fact]
    public async Task ProbingResumesAfterABerthdRestart()
    {
        using var first = DaemonProcess.StartReady();
        ContainerDaemonFixture.LoadBusybox(first);
        var (status, text) = await ContainerDaemonFixture.SendAsync(first, HttpMethod.Post, "/containers/create",
            Body("""{"Test":["CMD-SHELL","test ! -e /tmp/sick"],"Interval":300000000,"Retries":1}"""));
        Assert.True(status == HttpStatusCode.Created, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("Id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await ContainerDaemonFixture.SendAsync(first, HttpMethod.Post, $"/containers/{id}/start")).Status);
        await HealthWhenAsync(() => InspectOn(first, id), h => Status(h) == "healthy", "healthy");

        first.Kill();
        using var second = DaemonProcess.StartReady(dir: first.Dir);
        var restarted = DateTimeOffset.UtcNow;
        var health = await HealthWhenAsync(() => InspectOn(second, id), h => Status(h) == "healthy"
            && h.GetProperty("Log").EnumerateArray().Any(p => ProbeStart(p) > restarted), "probed by the new daemon");
        Assert.Equal(0, health.GetProperty("FailingStreak").GetInt32());

        // The resumed probes still drive the status: a failing check turns it unhealthy, visible to `ps`.
        var (created, exec) = await ContainerDaemonFixture.SendAsync(second, HttpMethod.Post, $"/containers/{id}/exec", """{"Cmd":["touch","/tmp/sick"]}""");
        Assert.True(created == HttpStatusCode.Created, exec);
        var execId = JsonDocument.Parse(exec).RootElement.GetProperty("Id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await ContainerDaemonFixture.SendAsync(second, HttpMethod.Post, $"/exec/{execId}/start", """{"Detach":true}""")).Status);
        await HealthWhenAsync(() => InspectOn(second, id), h => Status(h) == "unhealthy", "unhealthy");
        var filters = Uri.EscapeDataString("""{"health":["unhealthy"]}""");
        var (_, list) = await ContainerDaemonFixture.SendAsync(second, HttpMethod.Get, "/containers/json?filters=" + filters);
        Assert.Contains(JsonDocument.Parse(list).RootElement.EnumerateArray(), r => r.GetProperty("Id").GetString() == id);
        await ContainerDaemonFixture.SendAsync(second, HttpMethod.Delete, $"/containers/{id}?force=1");
    }

    private static async Task<JsonElement> InspectOn(DaemonProcess d, string id)
        => JsonDocument.Parse((await ContainerDaemonFixture.SendAsync(d, HttpMethod.Get, $"/containers/{id}/json")).Body).RootElement.Clone();

    private static DateTimeOffset ProbeStart(JsonElement probe)
        => DateTimeOffset.Parse(probe.GetProperty("Start").GetString()!, CultureInfo.InvariantCulture);
}

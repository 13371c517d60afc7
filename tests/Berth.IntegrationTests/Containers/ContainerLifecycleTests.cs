using System.Net;
using System.Text.Json;

namespace Berth.IntegrationTests.Containers;

/// <summary>Containers through berthd's Engine API: create, start, wait, inspect, list, stop, kill, remove, and
/// dockerd's answers to bad requests.</summary>
public sealed class ContainerLifecycleTests(ContainerDaemonFixture f) : IClassFixture<ContainerDaemonFixture>
{
    private async Task<int> RunToExitAsync(string body)
    {
        var id = await f.CreateAsync(body);
        var wait = f.SendAsync(HttpMethod.Post, $"/containers/{id}/wait?condition=next-exit");
        var (status, text) = await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start");
        Assert.True(status == HttpStatusCode.NoContent, text);
        var (_, waited) = await wait;
        return JsonDocument.Parse(waited).RootElement.GetProperty("StatusCode").GetInt32();
    }

    [Fact]
    public async Task ExitCodesComeBackThroughWaitAndInspect()
    {
        Assert.Equal(0, await RunToExitAsync("""{"Image":"busybox","Cmd":["echo","123"]}"""));
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sh","-c","exit 3"]}""");
        await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start");
        var (_, waited) = await f.SendAsync(HttpMethod.Post, $"/containers/{id}/wait");
        Assert.Equal(3, JsonDocument.Parse(waited).RootElement.GetProperty("StatusCode").GetInt32());
        var state = (await f.InspectAsync(id)).GetProperty("State");
        Assert.Equal("exited", state.GetProperty("Status").GetString());
        Assert.Equal(3, state.GetProperty("ExitCode").GetInt32());
        Assert.False(state.GetProperty("Running").GetBoolean());
        Assert.NotEqual("0001-01-01T00:00:00Z", state.GetProperty("FinishedAt").GetString());
    }

    [Fact]
    public async Task StopSendsTheSignalThenReportsTheExit()
    {
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sleep","300"]}""", "sleeper-stop");
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start")).Status);
        Assert.Equal(HttpStatusCode.NotModified, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start")).Status);
        var inspect = await f.InspectAsync("sleeper-stop");
        Assert.True(inspect.GetProperty("State").GetProperty("Running").GetBoolean());
        Assert.True(inspect.GetProperty("State").GetProperty("Pid").GetInt32() > 0);
        var (_, list) = await f.SendAsync(HttpMethod.Get, "/containers/json");
        var row = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(r => r.GetProperty("Id").GetString() == id);
        Assert.Equal("running", row.GetProperty("State").GetString());
        Assert.Matches("^Up (Less than a second|[0-9]+ seconds?)$", row.GetProperty("Status").GetString());
        Assert.Equal("/sleeper-stop", row.GetProperty("Names")[0].GetString());

        // As PID 1 without a handler, sleep ignores SIGTERM: SIGKILL follows the timeout, and dockerd reports 137.
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/stop?t=1")).Status);
        var state = (await f.InspectAsync(id)).GetProperty("State");
        Assert.Equal(137, state.GetProperty("ExitCode").GetInt32());
        Assert.Equal(HttpStatusCode.NotModified, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/stop")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Delete, $"/containers/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await f.SendAsync(HttpMethod.Get, $"/containers/{id}/json")).Status);
    }

    [Fact]
    public async Task Init_RunsAsPidOneAndPassesStopsSignalOn()
    {
        // The shell runs under the init: PID 1 is docker-init, and the shell is its child.
        Assert.Equal(0, await RunToExitAsync("""{"Image":"busybox","Cmd":["sh","-c","test \"$(cat /proc/1/comm)\" = docker-init && test $PPID = 1"],"HostConfig":{"Init":true}}"""));
        // sleep as PID 1 would ignore SIGTERM (137 after the timeout); under the init it dies of it, and the init exits 128+15.
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sleep","300"],"HostConfig":{"Init":true}}""");
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/stop?t=60")).Status);
        var inspect = await f.InspectAsync(id);
        Assert.Equal(143, inspect.GetProperty("State").GetProperty("ExitCode").GetInt32());
        Assert.True(inspect.GetProperty("HostConfig").GetProperty("Init").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Delete, $"/containers/{id}")).Status);
    }

    [Fact]
    public async Task RemovingARunningContainerNeedsForce()
    {
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sleep","300"]}""");
        await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start");
        var (status, body) = await f.SendAsync(HttpMethod.Delete, $"/containers/{id}");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal($"You cannot remove a running container {id}. Stop the container before attempting removal or force remove",
            ContainerDaemonFixture.Message(body));
        Assert.True((await f.InspectAsync(id)).GetProperty("State").GetProperty("Running").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await f.SendAsync(HttpMethod.Get, $"/containers/{id}/json")).Status);
    }

    [Fact]
    public async Task KillWithSignalAndKillOfAStoppedContainer()
    {
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sleep","300"]}""");
        await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start");
        var wait = f.SendAsync(HttpMethod.Post, $"/containers/{id}/wait");
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/kill?signal=SIGKILL")).Status);
        Assert.Equal(137, JsonDocument.Parse((await wait).Body).RootElement.GetProperty("StatusCode").GetInt32());
        var (status, body) = await f.SendAsync(HttpMethod.Post, $"/containers/{id}/kill");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal($"Cannot kill container: {id}: Container {id} is not running", ContainerDaemonFixture.Message(body));
        Assert.Equal(HttpStatusCode.BadRequest, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/kill?signal=SIGNOPE")).Status);
    }

    [Fact]
    public async Task BadCreatesChangeNothing()
    {
        var before = await IdsAsync();
        var (status, body) = await f.SendAsync(HttpMethod.Post, "/containers/create", """{"Image":"nope","Cmd":["true"]}""");
        Assert.Equal((HttpStatusCode.NotFound, "No such image: nope:latest"), (status, ContainerDaemonFixture.Message(body)));
        (status, body) = await f.SendAsync(HttpMethod.Post, "/containers/create?name=-bad", """{"Image":"busybox"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "Invalid container name (-bad), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"), (status, ContainerDaemonFixture.Message(body)));
        (status, _) = await f.SendAsync(HttpMethod.Post, "/containers/create", "{not json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, body) = await f.SendAsync(HttpMethod.Post, "/containers/create", """{"Image":"busybox","HostConfig":{"RestartPolicy":{"Name":"always","MaximumRetryCount":3}}}""");
        Assert.Equal((HttpStatusCode.BadRequest, "maximum retry count cannot be used with restart policy 'always'"), (status, ContainerDaemonFixture.Message(body)));
        Assert.Equal(before, await IdsAsync());
    }

    private async Task<List<string>> IdsAsync()
        => JsonDocument.Parse((await f.SendAsync(HttpMethod.Get, "/containers/json?all=1")).Body).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("Id").GetString()!).Order().ToList();

    [Fact]
    public async Task NamesAreUnique()
    {
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["true"]}""", "unique-name");
        var (status, body) = await f.SendAsync(HttpMethod.Post, "/containers/create?name=unique-name", """{"Image":"busybox","Cmd":["true"]}""");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal($"Conflict. The container name \"/unique-name\" is already in use by container \"{id}\". You have to remove (or rename) that container to be able to reuse that name.",
            ContainerDaemonFixture.Message(body));
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/rename?name=renamed-one")).Status);
        Assert.Equal("/renamed-one", (await f.InspectAsync("renamed-one")).GetProperty("Name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Delete, "/containers/renamed-one")).Status);
    }
}

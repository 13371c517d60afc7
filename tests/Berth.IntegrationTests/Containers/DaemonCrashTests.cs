using System.Net;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Containers;

/// <summary>Containers outlive a kill -9 of berthd: they keep running and logging, an exit while berthd is down is
/// recorded, an `always` container that ended is restarted, and stop works after the restart.</summary>
public sealed class DaemonCrashTests
{
    private static async Task<string> RunDetachedAsync(DaemonProcess d, string body)
    {
        var (status, text) = await ContainerDaemonFixture.SendAsync(d, HttpMethod.Post, "/containers/create", body);
        Assert.True(status == HttpStatusCode.Created, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("Id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await ContainerDaemonFixture.SendAsync(d, HttpMethod.Post, $"/containers/{id}/start")).Status);
        return id;
    }

    private static async Task<JsonElement> StateAsync(DaemonProcess d, string id)
        => JsonDocument.Parse((await ContainerDaemonFixture.SendAsync(d, HttpMethod.Get, $"/containers/{id}/json")).Body).RootElement.GetProperty("State").Clone();

    [Fact]
    public async Task ContainersOutliveAKilledDaemon()
    {
        using var first = DaemonProcess.StartReady();
        ContainerDaemonFixture.LoadBusybox(first);
        var counter = await RunDetachedAsync(first, """{"Image":"busybox","Cmd":["sh","-c","i=0; while true; do i=$((i+1)); echo $i; sleep 0.05; done"]}""");
        var sleepers = new List<string>();
        for (var i = 0; i < 3; i++) sleepers.Add(await RunDetachedAsync(first, """{"Image":"busybox","Cmd":["sleep","300"]}"""));
        var quitter = await RunDetachedAsync(first, """{"Image":"busybox","Cmd":["sh","-c","sleep 2; exit 7"]}""");
        var always = await RunDetachedAsync(first, """{"Image":"busybox","Cmd":["sh","-c","sleep 2; exit 1"],"HostConfig":{"RestartPolicy":{"Name":"always"}}}""");

        first.Kill();
        await Task.Delay(TimeSpan.FromSeconds(4));
        using var second = DaemonProcess.StartReady(dir: first.Dir);

        foreach (var id in sleepers.Append(counter)) Assert.True((await StateAsync(second, id)).GetProperty("Running").GetBoolean(), id);
        // The restarted daemon learns the exit from the monitor's records just after it starts listening.
        var quit = await StateAsync(second, quitter);
        for (var i = 0; i < 50 && quit.GetProperty("Running").GetBoolean(); i++)
        {
            await Task.Delay(200);
            quit = await StateAsync(second, quitter);
        }
        Assert.False(quit.GetProperty("Running").GetBoolean());
        Assert.Equal(7, quit.GetProperty("ExitCode").GetInt32());
        var restarts = 0;
        for (var i = 0; i < 50 && restarts == 0; i++)
        {
            restarts = JsonDocument.Parse((await ContainerDaemonFixture.SendAsync(second, HttpMethod.Get, $"/containers/{always}/json")).Body)
                .RootElement.GetProperty("RestartCount").GetInt32();
            if (restarts == 0) await Task.Delay(200);
        }
        Assert.True(restarts >= 1, "the always container was not restarted");

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await ContainerDaemonFixture.SendAsync(second, HttpMethod.Post, $"/containers/{counter}/stop?t=1")).Status);
        var log = File.ReadAllLines(Path.Combine(second.DataRoot, "containers", counter, counter + "-json.log"))
            .Select(l => int.Parse(JsonDocument.Parse(l).RootElement.GetProperty("log").GetString()!.Trim())).ToList();
        Assert.True(log.Count > 50, $"only {log.Count} lines");
        Assert.Equal(Enumerable.Range(1, log.Count), log);
    }

    [Fact]
    public async Task AKilledMonitor_IsReplaced_AndItsOrphansEndAsExited()
    {
        using var d = DaemonProcess.StartReady();
        ContainerDaemonFixture.LoadBusybox(d);
        var sleeper = await RunDetachedAsync(d, """{"Image":"busybox","Cmd":["sleep","300"]}""");
        var pid = (await StateAsync(d, sleeper)).GetProperty("Pid").GetInt32();
        var monitorPidFile = Path.Combine(d.ExecRoot, "monitor.pid");
        var oldMonitor = int.Parse(File.ReadAllText(monitorPidFile).Trim());

        Assert.Equal(0, Command.Shell($"kill -9 {oldMonitor}").ExitCode);
        var state = await StateAsync(d, sleeper);
        for (var i = 0; i < 75 && state.GetProperty("Running").GetBoolean(); i++)
        {
            await Task.Delay(200);
            state = await StateAsync(d, sleeper);
        }
        Assert.False(state.GetProperty("Running").GetBoolean(), "the orphan of the killed monitor still counts as running");
        Assert.Equal(255, state.GetProperty("ExitCode").GetInt32());
        // Killed, not left behind: gone, or a zombie of whichever process it was re-parented to.
        var stat = $"/proc/{pid}/stat";
        Assert.True(!File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] == "Z", $"pid {pid} still runs");
        Assert.NotEqual(oldMonitor, int.Parse(File.ReadAllText(monitorPidFile).Trim()));

        // The new monitor serves new containers, output and exit included.
        var echo = await RunDetachedAsync(d, """{"Image":"busybox","Cmd":["echo","after"]}""");
        var (status, body) = await ContainerDaemonFixture.SendAsync(d, HttpMethod.Post, $"/containers/{echo}/wait");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, JsonDocument.Parse(body).RootElement.GetProperty("StatusCode").GetInt32());
        Assert.Equal("after", File.ReadAllLines(Path.Combine(d.DataRoot, "containers", echo, echo + "-json.log"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("log").GetString()!.Trim()).Single());
    }
}

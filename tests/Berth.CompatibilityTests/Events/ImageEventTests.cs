using System.Text.Json.Nodes;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;
using Berth.CompatibilityTests.Images;

namespace Berth.CompatibilityTests.Events;

/// <summary>load, tag, rmi and save on dockerd 20.10 and on berthd give the same image events (times aside), read back
/// through GET /events with since/until and a type filter.</summary>
[Collection(DockerdCollection.Name)]
public sealed class ImageEventTests(DockerdFixture fixture) : IDisposable
{
    private readonly BerthdProcess _berthd = BerthdProcess.Start();
    private readonly string _work = Directory.CreateTempSubdirectory("berth-compat-events-").FullName;

    [Fact]
    public async Task LoadTagSaveRmi_LogTheSameEvents()
    {
        var archive = TinyImageArchive.Write(Path.Combine(_work, "evt.tar"), ["evt:1"], new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero), ("a.txt", "events"));
        var berth = new DockerCli(DockerdFixture.CurrentCliPath, _berthd.SocketPath, Path.Combine(_work, "config"));
        var expected = await ScenarioAsync(fixture.Docker, fixture.Daemon.SocketPath, archive);
        var actual = await ScenarioAsync(berth, _berthd.SocketPath, archive);
        Assert.Equal(expected, actual);
    }

    private async Task<List<string>> ScenarioAsync(DockerCli docker, string socket, string archive)
    {
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        await docker.RunCheckedAsync("load", "-i", archive);
        await docker.RunCheckedAsync("tag", "evt:1", "example.org/evt/two:v2");
        await docker.RunCheckedAsync("save", "-o", Path.Combine(_work, "out.tar"), "evt:1");
        await docker.RunCheckedAsync("rmi", "example.org/evt/two:v2");
        await docker.RunCheckedAsync("rmi", "evt:1");
        var until = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
        await Task.Delay(1100);
        using var http = UnixSocketHttp.For(socket);
        var filters = Uri.EscapeDataString("""{"type":{"image":true}}""");
        var body = await http.GetStringAsync($"http://localhost/v1.41/events?since={since}&until={until}&filters={filters}");
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var e = JsonNode.Parse(line)!.AsObject();
            Assert.True(e["timeNano"]!.GetValue<long>() / 1_000_000_000 == e["time"]!.GetValue<long>(), line);
            e.Remove("time");
            e.Remove("timeNano");
            return e.ToJsonString();
        }).ToList();
    }

    public void Dispose()
    {
        _berthd.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}

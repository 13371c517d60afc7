using System.Net;
using System.Text.Json;
using Berth.Daemon.Api.Streams;
using Berth.IntegrationTests.Daemon.Streams;

namespace Berth.IntegrationTests.Containers;

/// <summary>POST /exec/{id}/start as dockerd answers it: 101 before the process starts (docker-py reads the head through a
/// buffered reader and would swallow output sent with it), so a start that fails is told inside the stream; and the exit
/// code is recorded before the stream ends, since clients inspect the exec right then.</summary>
public sealed class ExecStartTests(ContainerDaemonFixture f) : IClassFixture<ContainerDaemonFixture>
{
    [Fact]
    public async Task AFailedStartIsReportedInTheUpgradedStreamWithExitCode126()
    {
        var id = await StartSleeperAsync();
        try
        {
            var exec = await CreateExecAsync(id, """["no-such-program"]""");
            var (stream, text) = Assert.Single(await StartExecAsync(exec));
            Assert.Equal(StdStream.Stdout, stream);
            Assert.Contains("no-such-program", text);
            Assert.EndsWith("\r\n", text);
            Assert.Equal(126, await ExitCodeAsync(exec));
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    [Fact]
    public async Task TheExitCodeIsKnownWhenTheStreamEnds()
    {
        var id = await StartSleeperAsync();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var exec = await CreateExecAsync(id, """["sh","-c","echo out; echo err >&2; exit 4"]""");
                var frames = await StartExecAsync(exec);
                Assert.Equal("out\n", string.Concat(frames.Where(x => x.Stream == StdStream.Stdout).Select(x => x.Text)));
                Assert.Equal("err\n", string.Concat(frames.Where(x => x.Stream == StdStream.Stderr).Select(x => x.Text)));
                Assert.Equal(4, await ExitCodeAsync(exec));
            }
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    [Fact]
    public async Task InspectListsTheExecsThatHaveNotEnded()
    {
        var id = await StartSleeperAsync();
        try
        {
            Assert.Equal(JsonValueKind.Null, (await ContainerAsync(id)).GetProperty("ExecIDs").ValueKind);
            var exec = await CreateExecAsync(id, """["true"]""");
            Assert.Equal([exec], (await ContainerAsync(id)).GetProperty("ExecIDs").EnumerateArray().Select(e => e.GetString()));
            await StartExecAsync(exec);
            Assert.Equal(0, await ExitCodeAsync(exec));
            Assert.Equal(JsonValueKind.Null, (await ContainerAsync(id)).GetProperty("ExecIDs").ValueKind);
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    [Fact]
    public async Task ATtyExecWorksUnderALongExecRoot()
    {
        // The fixture's exec root is long enough that a console socket beneath it would not fit a unix socket address.
        Assert.True(f.Daemon.ExecRoot.Length + "/launch/".Length + 64 + "/console.sock".Length >= 108, f.Daemon.ExecRoot);
        var id = await StartSleeperAsync();
        try
        {
            var (status, created) = await f.SendAsync(HttpMethod.Post, $"/containers/{id}/exec",
                """{"Cmd":["tty"],"Tty":true,"AttachStdout":true,"AttachStderr":true}""");
            Assert.True(status == HttpStatusCode.Created, created);
            var exec = JsonDocument.Parse(created).RootElement.GetProperty("Id").GetString()!;
            using var connection = await RawConnection.OpenAsync(f.Daemon.Socket);
            await connection.SendAsync($"POST /exec/{exec}/start HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                                       "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 2\r\n\r\n{}");
            Assert.StartsWith("HTTP/1.1 101", (await connection.ReadHeadAsync()).StatusLine);
            // With a tty the stream is raw: no frame headers.
            Assert.StartsWith("/dev/pts/", System.Text.Encoding.ASCII.GetString(await connection.ReadToEndAsync()));
            Assert.Equal(0, await ExitCodeAsync(exec));
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    private async Task<JsonElement> ContainerAsync(string id)
    {
        var (status, body) = await f.SendAsync(HttpMethod.Get, $"/containers/{id}/json");
        Assert.True(status == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<string> StartSleeperAsync()
    {
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sleep","300"]}""");
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start")).Status);
        return id;
    }

    private async Task<string> CreateExecAsync(string container, string cmd)
    {
        var (status, created) = await f.SendAsync(HttpMethod.Post, $"/containers/{container}/exec",
            $$"""{"Cmd":{{cmd}},"AttachStdout":true,"AttachStderr":true}""");
        Assert.True(status == HttpStatusCode.Created, created);
        return JsonDocument.Parse(created).RootElement.GetProperty("Id").GetString()!;
    }

    // Starts the exec over an upgraded connection, as docker-py does; returns the frames until the server ends the stream.
    private async Task<List<(StdStream Stream, string Text)>> StartExecAsync(string exec)
    {
        using var connection = await RawConnection.OpenAsync(f.Daemon.Socket);
        const string body = """{"Detach":false,"Tty":false}""";
        await connection.SendAsync($"POST /v1.41/exec/{exec}/start HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                                   $"Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: {body.Length}\r\n\r\n{body}");
        var (statusLine, _) = await connection.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 101", statusLine);
        return RawConnection.Frames(await connection.ReadToEndAsync());
    }

    // Read once, right after the stream ended: no polling, the exit must already be recorded.
    private async Task<int> ExitCodeAsync(string exec)
    {
        var inspect = JsonDocument.Parse((await f.SendAsync(HttpMethod.Get, $"/exec/{exec}/json")).Body).RootElement;
        Assert.False(inspect.GetProperty("Running").GetBoolean(), inspect.ToString());
        return inspect.GetProperty("ExitCode").GetInt32();
    }
}

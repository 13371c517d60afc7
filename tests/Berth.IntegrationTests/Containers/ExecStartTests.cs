using System.Net;
using System.Text.Json;
using Berth.Daemon.Api.Streams;
using Berth.IntegrationTests.Daemon.Streams;

namespace Berth.IntegrationTests.Containers;

/// <summary>POST /exec/{id}/start answers 101 before the process starts, as dockerd does (docker-py reads the head through a
/// buffered reader and would swallow output sent with it), so a start that fails is told inside the stream.</summary>
public sealed class ExecStartTests(ContainerDaemonFixture f) : IClassFixture<ContainerDaemonFixture>
{
    [Fact]
    public async Task AFailedStartIsReportedInTheUpgradedStreamWithExitCode127()
    {
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sleep","300"]}""");
        try
        {
            Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start")).Status);
            var (status, created) = await f.SendAsync(HttpMethod.Post, $"/containers/{id}/exec",
                """{"Cmd":["no-such-program"],"AttachStdout":true,"AttachStderr":true}""");
            Assert.True(status == HttpStatusCode.Created, created);
            var exec = JsonDocument.Parse(created).RootElement.GetProperty("Id").GetString()!;

            using var connection = await RawConnection.OpenAsync(f.Daemon.Socket);
            const string body = """{"Detach":false,"Tty":false}""";
            await connection.SendAsync($"POST /v1.41/exec/{exec}/start HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                                       $"Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: {body.Length}\r\n\r\n{body}");
            var (statusLine, _) = await connection.ReadHeadAsync();
            Assert.StartsWith("HTTP/1.1 101", statusLine);
            var (stream, text) = Assert.Single(RawConnection.Frames(await connection.ReadToEndAsync()));
            Assert.Equal(StdStream.Stdout, stream);
            Assert.Contains("no-such-program", text);
            Assert.EndsWith("\r\n", text);

            Assert.Equal(127, (await ExitedInspectAsync(exec)).GetProperty("ExitCode").GetInt32());
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    [Fact]
    public async Task OutputFollowsTheHead()
    {
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sleep","300"]}""");
        try
        {
            await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start");
            var (_, created) = await f.SendAsync(HttpMethod.Post, $"/containers/{id}/exec",
                """{"Cmd":["sh","-c","echo out; echo err >&2"],"AttachStdout":true,"AttachStderr":true}""");
            var exec = JsonDocument.Parse(created).RootElement.GetProperty("Id").GetString()!;
            using var connection = await RawConnection.OpenAsync(f.Daemon.Socket);
            await connection.SendAsync($"POST /exec/{exec}/start HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
                                       "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 2\r\n\r\n{}");
            Assert.StartsWith("HTTP/1.1 101", (await connection.ReadHeadAsync()).StatusLine);
            var frames = RawConnection.Frames(await connection.ReadToEndAsync());
            Assert.Equal("out\n", string.Concat(frames.Where(x => x.Stream == StdStream.Stdout).Select(x => x.Text)));
            Assert.Equal("err\n", string.Concat(frames.Where(x => x.Stream == StdStream.Stderr).Select(x => x.Text)));
            Assert.Equal(0, (await ExitedInspectAsync(exec)).GetProperty("ExitCode").GetInt32());
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    // The exit reaches berthd on its own path, just after the output ends: poll until inspect has it.
    private async Task<JsonElement> ExitedInspectAsync(string exec)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var inspect = JsonDocument.Parse((await f.SendAsync(HttpMethod.Get, $"/exec/{exec}/json")).Body).RootElement.Clone();
            if (!inspect.GetProperty("Running").GetBoolean() && inspect.GetProperty("ExitCode").ValueKind == JsonValueKind.Number) return inspect;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the exec's exit never showed in inspect: " + inspect);
            await Task.Delay(100);
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Berth.IntegrationTests.Daemon.Streams;

namespace Berth.IntegrationTests.Containers;

/// <summary>The JSON-line streams (events, stats) send each line whole, newline included, in one chunk: docker-py decodes
/// chunk by chunk and fails on a last chunk that holds only a newline.</summary>
public sealed class JsonLineStreamTests(ContainerDaemonFixture f) : IClassFixture<ContainerDaemonFixture>
{
    [Fact]
    public async Task EventsComeOneWholeLinePerChunk()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["true"]}""");
        Assert.Equal(HttpStatusCode.NoContent, (await f.SendAsync(HttpMethod.Delete, $"/containers/{id}")).Status);

        using var connection = await RawConnection.OpenAsync(f.Daemon.Socket);
        await connection.SendAsync($"GET /events?since={now - 1}&until={now + 2} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        var (status, headers) = await connection.ReadHeadAsync();
        Assert.StartsWith("HTTP/1.1 200", status);
        Assert.Equal("chunked", headers["transfer-encoding"]);
        var chunks = new List<string>();
        while (await ReadChunkAsync(connection) is { Length: > 0 } chunk) chunks.Add(chunk);
        var actions = chunks.Select(AssertOneJsonLine).Where(e => e.GetProperty("id").GetString() == id)
            .Select(e => e.GetProperty("Action").GetString()).ToList();
        Assert.Equal(["create", "destroy"], actions);
    }

    [Fact]
    public async Task StatsComeOneWholeLinePerChunk()
    {
        var id = await f.CreateAsync("""{"Image":"busybox","Cmd":["sleep","300"]}""");
        try
        {
            await f.SendAsync(HttpMethod.Post, $"/containers/{id}/start");
            using var connection = await RawConnection.OpenAsync(f.Daemon.Socket);
            await connection.SendAsync($"GET /containers/{id}/stats HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 200", (await connection.ReadHeadAsync()).StatusLine);
            for (var i = 0; i < 2; i++)
                Assert.Equal(id, AssertOneJsonLine(await ReadChunkAsync(connection)).GetProperty("id").GetString());
        }
        finally
        {
            await f.SendAsync(HttpMethod.Delete, $"/containers/{id}?force=1");
        }
    }

    private static JsonElement AssertOneJsonLine(string chunk)
    {
        Assert.True(chunk.EndsWith('\n') && chunk.IndexOf('\n') == chunk.Length - 1, $"not one whole line: {chunk}");
        return JsonDocument.Parse(chunk).RootElement.Clone();
    }

    // One chunk of a chunked body: its hexadecimal size line, the data, the CRLF after it; "" for the last chunk.
    private static async Task<string> ReadChunkAsync(RawConnection connection)
    {
        var sizeLine = new StringBuilder();
        while (!sizeLine.ToString().EndsWith("\r\n", StringComparison.Ordinal))
            sizeLine.Append((char)(await connection.ReadExactlyAsync(1))[0]);
        var size = int.Parse(sizeLine.ToString().TrimEnd(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var data = await connection.ReadExactlyAsync(size + 2);
        return Encoding.UTF8.GetString(data, 0, size);
    }
}

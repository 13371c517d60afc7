using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Cli.Connection;

namespace Berth.UnitTests.Cli;

/// <summary>The CLI's HTTP/1.1 client for the unix socket, against a scripted server: every framing of an answer, and
/// bodies of known and unknown length.</summary>
public sealed class UnixSocketHandlerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"berth-http-{Guid.NewGuid():N}.sock");
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

    public UnixSocketHandlerTests()
    {
        _listener.Bind(new UnixDomainSocketEndPoint(_path));
        _listener.Listen(4);
    }

    /// <summary>Accepts one connection, reads the request (head and, by its framing, body), then sends the answer in
    /// the pieces given, pausing between them; returns the raw request.</summary>
    private Task<string> Serve(params string[] pieces) => Task.Run(async () =>
    {
        using var peer = await _listener.AcceptAsync();
        var seen = new MemoryStream();
        var buffer = new byte[65536];
        while (!RequestComplete(Encoding.Latin1.GetString(seen.ToArray())))
        {
            var n = await peer.ReceiveAsync(buffer);
            if (n == 0) break;
            seen.Write(buffer, 0, n);
        }
        try
        {
            foreach (var piece in pieces)
            {
                await peer.SendAsync(Encoding.Latin1.GetBytes(piece));
                await Task.Delay(20);
            }
        }
        catch (SocketException) { /* the client hung up once its answer was complete */ }
        return Encoding.Latin1.GetString(seen.ToArray());
    });

    private static bool RequestComplete(string raw)
    {
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return false;
        var head = raw[..end];
        var body = raw[(end + 4)..];
        if (head.Contains("Transfer-Encoding: chunked")) return body.EndsWith("0\r\n\r\n");
        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length: "));
        return length == null || body.Length >= int.Parse(length["Content-Length: ".Length..]);
    }

    private HttpClient Client() => new(new UnixSocketHandler(_path)) { BaseAddress = new Uri("http://api.berth.localhost") };

    [Fact]
    public async Task ContentLength_BodyIsReadToItsLength()
    {
        var server = Serve("HTTP/1.1 200 OK\r\nApi-Version: 1.47\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"a\":", "\"bc\"}");
        using var client = Client();
        using var response = await client.GetAsync("/v1.47/info");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.47", response.Headers.GetValues("Api-Version").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"a\":\"bc\"}", await response.Content.ReadAsStringAsync());
        var request = await server;
        Assert.StartsWith("GET /v1.47/info HTTP/1.1\r\nHost: api.berth.localhost\r\n", request);
    }

    [Fact]
    public async Task Chunked_BodyIsJoinedAcrossPiecesAndEndsAtTheLastChunk()
    {
        // Bytes follow the last chunk: the end comes from the framing alone, not from the connection's.
        var server = Serve("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", "lo\r\n6;ext=1\r\n world\r\n",
            "0\r\n\r\n", "HTTP/1.1 200 OK\r\n");
        using var client = Client();
        using var response = await client.PostAsync("/v1.47/containers/x/start", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("hello world", await response.Content.ReadAsStringAsync());
        Assert.Contains("\r\nContent-Length: 0\r\n", await server);
    }

    [Fact]
    public async Task NoFraming_BodyRunsToTheConnectionsEnd()
    {
        var server = Serve("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nline 1\n", "line 2\n");
        using var client = Client();
        using var response = await client.GetAsync("/v1.47/containers/x/logs", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("line 1", await reader.ReadLineAsync());
        Assert.Equal("line 2", await reader.ReadLineAsync());
        await server;
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task Head_HasNoBodyDespiteItsLength()
    {
        _ = Serve("HTTP/1.1 200 OK\r\nApi-Version: 1.47\r\nContent-Length: 2\r\n\r\n");
        using var client = Client();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/_ping"));
        Assert.Equal("1.47", response.Headers.GetValues("Api-Version").Single());
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BodyOfUnknownLength_GoesInChunks()
    {
        var server = Serve("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        using var client = Client();
        var payload = new string('x', 100_000);
        using var content = new StreamContent(new UnseekableStream(Encoding.ASCII.GetBytes(payload)));
        using var response = await client.PutAsync("/v1.47/containers/x/archive?path=/", content);
        var request = await server;
        Assert.Contains("\r\nTransfer-Encoding: chunked\r\n", request);
        var body = request[(request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var joined = new StringBuilder();
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(body[..lineEnd], 16);
            if (size == 0) break;
            joined.Append(body, lineEnd + 2, size);
            body = body[(lineEnd + 2 + size + 2)..];
        }
        Assert.Equal(payload, joined.ToString());
    }

    [Theory]
    [InlineData("Content-Length: 10\r\n\r\n12345")]
    [InlineData("Transfer-Encoding: chunked\r\n\r\na\r\n12345")]
    [InlineData("Transfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n")]
    public async Task CutOffBody_IsAnEndedResponseAsSocketsHttpHandlerReportsIt(string rest)
    {
        _ = Serve("HTTP/1.1 200 OK\r\n" + rest);
        using var client = Client();
        using var response = await client.GetAsync("/v1.47/images/get", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var e = await Assert.ThrowsAsync<HttpIOException>(() => body.CopyToAsync(Stream.Null));
        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
    }

    [Fact]
    public async Task NoListener_IsAConnectionError()
    {
        using var client = new HttpClient(new UnixSocketHandler(_path + ".none")) { BaseAddress = new Uri("http://api.berth.localhost") };
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/_ping"));
        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
    }

    [Fact]
    public async Task ClosedBeforeAnswering_IsResponseEnded()
    {
        _ = Serve();
        using var client = Client();
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/_ping"));
        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
    }

    /// <summary>A stream whose length cannot be known in advance, as stdin.</summary>
    private sealed class UnseekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(_path);
    }
}

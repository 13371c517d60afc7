using System.Text;
using Berth.Daemon.Api.Streams;

namespace Berth.IntegrationTests.Daemon.Streams;

/// <summary>Docker's hijacked attach and exec start under Kestrel, driven by the bytes docker 28, docker 20.10 and docker-py send.</summary>
public sealed class HijackTests : IAsyncLifetime
{
    private EchoStreamServer _server = null!;

    public async Task InitializeAsync() => _server = await EchoStreamServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> Hijacks => new()
    {
        { "docker28-exec", "application/vnd.docker.multiplexed-stream" },
        { "docker2010-exec", "application/vnd.docker.raw-stream" },
        { "docker28-attach", "application/vnd.docker.multiplexed-stream" },
        { "docker2010-attach", "application/vnd.docker.raw-stream" },
        { "dockerpy-exec", "application/vnd.docker.raw-stream" },
        { "dockerpy-attach", "application/vnd.docker.raw-stream" },
    };

    private static byte[] RequestFor(string client) => client switch
    {
        "docker28-exec" => CapturedRequests.Docker28ExecStart(),
        "docker2010-exec" => CapturedRequests.Docker2010ExecStart(),
        "docker28-attach" => CapturedRequests.Docker28Attach(),
        "docker2010-attach" => CapturedRequests.Docker2010Attach(),
        "dockerpy-exec" => CapturedRequests.DockerPyExecStart(),
        "dockerpy-attach" => CapturedRequests.DockerPyAttach(),
        _ => throw new ArgumentException(client),
    };

    [Theory]
    [MemberData(nameof(Hijacks))]
    public async Task Hijack_Answers101_EchoesStdin_AndKeepsWritingAfterTheClientsHalfClose(string client, string contentType)
    {
        using var connection = await RawConnection.OpenAsync(_server.SocketPath);
        await connection.SendAsync(RequestFor(client));
        var (status, headers) = await connection.ReadHeadAsync();
        AssertSwitched(status);
        Assert.Equal(contentType, headers["content-type"]);
        Assert.Equal("Upgrade", headers["connection"]);
        Assert.Equal("tcp", headers["upgrade"]);

        await connection.SendAsync("hello\n");
        Assert.Equal([(StdStream.Stdout, "hello\n")], RawConnection.Frames(await connection.ReadExactlyAsync(8 + 6)));
        await connection.SendAsync("again\n");
        connection.CloseWrite();
        var rest = RawConnection.Frames(await connection.ReadToEndAsync());
        Assert.Equal([(StdStream.Stdout, "again\n"), (StdStream.Stderr, EchoStreamServer.StdinClosed)], rest);
    }

    [Fact]
    public async Task ExecStart_StdinSentWithTheRequest_IsNotLost()
    {
        using var connection = await RawConnection.OpenAsync(_server.SocketPath);
        await connection.SendAsync([.. CapturedRequests.Docker28ExecStart(), .. "early\n"u8.ToArray()]);
        connection.CloseWrite();
        var (status, _) = await connection.ReadHeadAsync();
        AssertSwitched(status);
        Assert.Equal([(StdStream.Stdout, "early\n"), (StdStream.Stderr, EchoStreamServer.StdinClosed)],
            RawConnection.Frames(await connection.ReadToEndAsync()));
    }

    [Fact]
    public async Task ExecStart_BodyArrivingInPieces_IsReassembled()
    {
        using var connection = await RawConnection.OpenAsync(_server.SocketPath);
        var request = CapturedRequests.Docker2010ExecStart();
        foreach (var piece in request.Chunk(7))
        {
            await connection.SendAsync(piece);
            await Task.Delay(5);
        }
        var (status, _) = await connection.ReadHeadAsync();
        AssertSwitched(status);
        connection.CloseWrite();
        Assert.Equal([(StdStream.Stderr, EchoStreamServer.StdinClosed)], RawConnection.Frames(await connection.ReadToEndAsync()));
    }

    [Fact]
    public async Task DockerPy_ExecCreateThenStart_OnOneKeepAliveConnection()
    {
        using var connection = await RawConnection.OpenAsync(_server.SocketPath);
        await connection.SendAsync(CapturedRequests.DockerPyExecCreate());
        var (created, headers) = await connection.ReadHeadAsync();
        Assert.Equal("HTTP/1.1 201 Created", created);
        Assert.Contains("\"plain\"", await ReadChunkedAsync(connection, headers));

        await connection.SendAsync(CapturedRequests.DockerPyExecStart());
        AssertSwitched((await connection.ReadHeadAsync()).StatusLine);
        await connection.SendAsync("py\n");
        connection.CloseWrite();
        Assert.Equal([(StdStream.Stdout, "py\n"), (StdStream.Stderr, EchoStreamServer.StdinClosed)], RawConnection.Frames(await connection.ReadToEndAsync()));
    }

    [Fact]
    public async Task ExecStart_WithATty_StreamsRawBytes()
    {
        using var connection = await RawConnection.OpenAsync(_server.SocketPath);
        await connection.SendAsync(CapturedRequests.Docker28ExecStart("tty", tty: true));
        var (status, headers) = await connection.ReadHeadAsync();
        AssertSwitched(status);
        Assert.Equal("application/vnd.docker.raw-stream", headers["content-type"]);
        await connection.SendAsync("raw\n");
        connection.CloseWrite();
        Assert.Equal("raw\n" + EchoStreamServer.StdinClosed, Encoding.ASCII.GetString(await connection.ReadToEndAsync()));
    }

    [Fact]
    public async Task ExecStart_RefusedBeforeTheHijack_AnswersTheErrorAndCloses()
    {
        using var connection = await RawConnection.OpenAsync(_server.SocketPath);
        await connection.SendAsync(CapturedRequests.Docker28ExecStart("missing"));
        var (status, headers) = await connection.ReadHeadAsync();
        Assert.Equal("HTTP/1.1 404 Not Found", status);
        Assert.Equal("application/json", headers["content-type"]);
        var rest = Encoding.ASCII.GetString(await connection.ReadToEndAsync());
        Assert.Contains("No such exec instance: missing", rest);
    }

    [Fact]
    public async Task Attach_Refused_AnswersDockerdsPlainTextErrorAndCloses()
    {
        using var connection = await RawConnection.OpenAsync(_server.SocketPath);
        await connection.SendAsync(CapturedRequests.Docker28Attach("missing"));
        var (status, headers) = await connection.ReadHeadAsync();
        Assert.Equal("HTTP/1.1 404 Not Found", status);
        Assert.Equal("application/vnd.docker.raw-stream", headers["content-type"]);
        Assert.Contains("No such container: missing\r\n", Encoding.ASCII.GetString(await connection.ReadToEndAsync()));
    }

    [Fact]
    public async Task Attach_WithoutUpgradeHeader_Answers200WithTheStream()
    {
        using var http = Support.UnixHttp.For(_server.SocketPath);
        using var response = await http.PostAsync("/v1.47/containers/x/attach?stdout=1&stream=1", null);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/vnd.docker.multiplexed-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([(StdStream.Stderr, EchoStreamServer.StdinClosed)], RawConnection.Frames(await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task OrdinaryRequests_ChunkedAndKeptAlive_StillReachKestrelWhole()
    {
        using var connection = await RawConnection.OpenAsync(_server.SocketPath);
        var body = "{\"Tty\":false,\"Cmd\":[\"cat\"]}";
        var chunked = $"{body.Length - 10:x}\r\n{body[..^10]}\r\n{10:x};ext=1\r\n{body[^10..]}\r\n0\r\nX-Trailer: 1\r\n\r\n";
        await connection.SendAsync("POST /v1.47/containers/x/exec HTTP/1.1\r\nHost: d\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked
            + "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n");
        var (created, createdHeaders) = await connection.ReadHeadAsync();
        Assert.Equal("HTTP/1.1 201 Created", created);
        await ReadChunkedAsync(connection, createdHeaders);
        var (ping, pingHeaders) = await connection.ReadHeadAsync();
        Assert.Equal("HTTP/1.1 200 OK", ping);
        Assert.Equal("OK", await ReadChunkedAsync(connection, pingHeaders));
        // The connection is still usable for a hijack after all that.
        await connection.SendAsync(CapturedRequests.Docker28Attach());
        AssertSwitched((await connection.ReadHeadAsync()).StatusLine);
    }

    // dockerd says "101 UPGRADED", Kestrel "101 Switching Protocols": clients (Go's and docker-py's) look at the code only.
    private static void AssertSwitched(string statusLine) => Assert.StartsWith("HTTP/1.1 101 ", statusLine);

    private static async Task<string> ReadChunkedAsync(RawConnection connection, Dictionary<string, string> headers)
    {
        if (headers.TryGetValue("content-length", out var length)) return Encoding.ASCII.GetString(await connection.ReadExactlyAsync(int.Parse(length)));
        var text = new StringBuilder();
        while (true)
        {
            var line = new StringBuilder();
            while (!line.ToString().EndsWith("\r\n")) line.Append((char)(await connection.ReadExactlyAsync(1))[0]);
            var size = Convert.ToInt32(line.ToString().Trim(), 16);
            text.Append(Encoding.ASCII.GetString(await connection.ReadExactlyAsync(size)));
            await connection.ReadExactlyAsync(2);
            if (size == 0) return text.ToString();
        }
    }
}

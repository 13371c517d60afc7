using System.Net.Sockets;
using System.Text;

namespace Berth.CompatibilityTests.Harness;

/// <summary>A minimal Engine API on a unix socket that answers /_ping as API 1.47 and records each
/// POST /containers/create (path and body), refusing it with 400 so the docker CLI stops there.</summary>
public sealed class CreateRequestRecorder : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<(string Path, string Body)> _creates = [];

    /// <summary>Listens on socketPath (removed first if left over).</summary>
    public CreateRequestRecorder(string socketPath)
    {
        SocketPath = socketPath;
        File.Delete(socketPath);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(16);
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The socket's path, for docker -H unix://….</summary>
    public string SocketPath { get; }

    /// <summary>Takes the create requests recorded so far, clearing the record.</summary>
    public List<(string Path, string Body)> TakeCreates()
    {
        lock (_creates)
        {
            var taken = _creates.ToList();
            _creates.Clear();
            return taken;
        }
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true) connections.Add(ServeAsync(await _listener.AcceptAsync(_stop.Token)));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket);
        try
        {
            while (await ReadRequestAsync(stream) is { } request)
            {
                var (method, path, body) = request;
                if (path.EndsWith("/_ping", StringComparison.Ordinal))
                {
                    await WriteAsync(stream, "200 OK", method == "HEAD" ? null : "OK", "text/plain");
                    continue;
                }
                if (method == "POST" && path.Contains("/containers/create", StringComparison.Ordinal))
                {
                    lock (_creates) _creates.Add((path, body));
                }
                await WriteAsync(stream, "400 Bad Request", "{\"message\":\"request recorded\"}", "application/json");
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
    }

    private async Task<(string Method, string Path, string Body)?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        // Byte at a time up to the blank line: these requests are tiny and this keeps the body's bytes in the stream.
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0) return null;
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var length = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim()))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return (requestLine[0], requestLine[1], Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private static async Task WriteAsync(NetworkStream stream, string status, string? body, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        var head = $"HTTP/1.1 {status}\r\nApi-Version: 1.47\r\nOstype: linux\r\nContent-Type: {contentType}\r\n" +
                   $"Content-Length: {(body == null ? 2 : bytes.Length)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
    }

    /// <summary>Stops listening and removes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _acceptLoop;
        File.Delete(SocketPath);
        _stop.Dispose();
    }
}

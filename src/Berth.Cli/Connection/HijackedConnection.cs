using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Connection;

/// <summary>A connection the daemon upgraded to a raw byte stream (HTTP 101, "Upgrade: tcp"), as the docker CLI's
/// attach and exec start use it: output comes in on <see cref="Stream"/>, stdin goes out, and the write side can be
/// closed on its own so the container sees end of input.</summary>
public sealed class HijackedConnection : IDisposable
{
    private readonly Socket _socket;

    private HijackedConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        Stream = stream;
    }

    /// <summary>The upgraded stream (bytes the daemon sent after its headers come first).</summary>
    public Stream Stream { get; }

    /// <summary>Sends the request and reads the answer's headers; a non-upgrade answer becomes the daemon's error.</summary>
    public static async Task<HijackedConnection> OpenAsync(DaemonAddress address, TlsSettings? tls, string target, string? body,
        Func<string, HttpStatusCode, Exception> failure, CancellationToken token)
    {
        var socket = address.IsUnix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            EndPoint endPoint = address.IsUnix ? new UnixDomainSocketEndPoint(address.SocketPath) : new DnsEndPoint(address.Host, address.Port);
            await socket.ConnectAsync(endPoint, token);
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (tls != null)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsClientAsync(tls.ClientOptions(address.Host), token);
                stream = ssl;
            }
            var payload = body == null ? [] : Encoding.UTF8.GetBytes(body);
            var request = new StringBuilder()
                .Append($"POST {target} HTTP/1.1\r\n")
                .Append("Host: api.berth.localhost\r\n")
                .Append($"User-Agent: Berth-Client/{BuildInfo.Version}\r\n")
                .Append(body == null ? "" : "Content-Type: application/json\r\n")
                .Append($"Content-Length: {payload.Length}\r\n")
                .Append("Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), token);
            await stream.WriteAsync(payload, token);
            await stream.FlushAsync(token);

            var (status, headers) = await ReadHeadAsync(stream, token);
            // dockerd answers 101; an old daemon that ignores the upgrade answers 200 and streams anyway.
            if (status is 101 or 200) return new HijackedConnection(socket, stream);
            // The refusal's body, framed as any answer of the daemon's.
            using var refusal = new ResponseBodyStream(stream);
            if (headers.TryGetValue("transfer-encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase)) refusal.FrameAsChunked();
            else if (headers.TryGetValue("content-length", out var l) && long.TryParse(l, out var n)) refusal.FrameAsLength(n);
            var text = await new StreamReader(refusal, Encoding.UTF8).ReadToEndAsync(token);
            throw failure(text, (HttpStatusCode)status);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Tells the daemon that no more input comes (the container's stdin reaches end of file).</summary>
    public void CloseWrite()
    {
        try { _socket.Shutdown(SocketShutdown.Send); }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
    }

    // Reads byte by byte up to the blank line, so no byte of the raw stream that follows is consumed.
    private static async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync(Stream stream, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, token) == 0) throw new CliError("error during connect: EOF", 1);
            head.Add(one[0]);
            if (head.Count > 64 * 1024) throw new CliError("error during connect: response headers too large", 1);
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var parts = lines[0].Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], out var status)) throw new CliError($"error during connect: malformed response {lines[0]}", 1);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return (status, headers);
    }

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        _socket.Dispose();
    }
}

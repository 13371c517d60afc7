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

    private HijackedConnection(Socket socket, ResponseBodyStream output, Stream input)
    {
        _socket = socket;
        Output = output;
        Input = input;
    }

    /// <summary>The upgraded stream's incoming side (bytes the daemon sent right after its headers come first).</summary>
    public Stream Output { get; }

    /// <summary>The upgraded stream's outgoing side (the container's stdin).</summary>
    public Stream Input { get; }

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

            // The head is read through the buffered reader that then serves the raw stream: bytes of the stream that
            // came with the head stay in its buffer.
            var output = new ResponseBodyStream(stream);
            ResponseHead head;
            try { head = await output.ReadHeadAsync(token) ?? throw new CliError("error during connect: EOF", 1); }
            catch (HttpRequestException e) { throw new CliError($"error during connect: {e.Message}", 1); }
            // dockerd answers 101; an old daemon that ignores the upgrade answers 200 and streams anyway.
            if (head.Status is 101 or 200) return new HijackedConnection(socket, output, stream);
            // The refusal's body, framed as any answer of the daemon's.
            using var refusal = output;
            if (Header(head, "transfer-encoding") is { } coding && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase)) refusal.FrameAsChunked();
            else if (long.TryParse(Header(head, "content-length"), out var n)) refusal.FrameAsLength(n);
            var text = await new StreamReader(refusal, Encoding.UTF8).ReadToEndAsync(token);
            throw failure(text, (HttpStatusCode)head.Status);
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

    private static string? Header(ResponseHead head, string name) =>
        head.Headers.FirstOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        Output.Dispose();
        Input.Dispose();
        _socket.Dispose();
    }
}

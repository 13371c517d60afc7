using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Berth.Cli.Connection;

/// <summary>HTTP/1.1 to berthd's unix socket, one connection per request and nothing more: SocketsHttpHandler's pool,
/// HTTP/2 and proxy machinery cost a short command such as `berth ps` about as much as the rest of its run.</summary>
internal sealed class UnixSocketHandler(string socketPath) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken token)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try { await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token); }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, e.Message, e);
        }
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            await WriteRequestAsync(stream, request, token);
            var body = new ResponseBodyStream(stream);
            var head = await body.ReadHeadAsync(token)
                ?? throw new HttpRequestException(HttpRequestError.ResponseEnded, "the daemon closed the connection before it answered");
            return Response(request, head, body);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static async Task WriteRequestAsync(NetworkStream stream, HttpRequestMessage request, CancellationToken token)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("a request without a URI");
        var head = new StringBuilder()
            .Append(request.Method.Method).Append(' ').Append(uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(uri.IsAbsoluteUri ? uri.Authority : "api.berth.localhost").Append("\r\n");
        foreach (var (name, values) in request.Headers)
            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                head.Append(name).Append(": ").AppendJoin(name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) ? " " : ", ", values).Append("\r\n");
        var content = request.Content;
        long? length = content == null ? (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put ? 0 : null) : content.Headers.ContentLength;
        if (content != null)
            foreach (var (name, values) in content.Headers)
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    head.Append(name).Append(": ").AppendJoin(", ", values).Append("\r\n");
        if (length is { } n) head.Append("Content-Length: ").Append(n).Append("\r\n");
        else if (content != null) head.Append("Transfer-Encoding: chunked\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), token);
        if (content == null) return;
        if (length != null) await content.CopyToAsync(stream, token);
        else
        {
            await using var chunked = new ChunkedRequestStream(stream);
            await content.CopyToAsync(chunked, token);
            await chunked.FinishAsync(token);
        }
        await stream.FlushAsync(token);
    }

    private static HttpResponseMessage Response(HttpRequestMessage request, ResponseHead head, ResponseBodyStream body)
    {
        var response = new HttpResponseMessage((HttpStatusCode)head.Status)
        {
            ReasonPhrase = head.Reason, Version = HttpVersion.Version11, RequestMessage = request, Content = new StreamContent(body),
        };
        string? transferEncoding = null;
        long? contentLength = null;
        foreach (var (name, value) in head.Headers)
        {
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) transferEncoding = value;
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, out var n)) contentLength = n;
            // Content headers (type, length…) are refused by the response's collection and belong to its content.
            if (!response.Headers.TryAddWithoutValidation(name, value)) response.Content.Headers.TryAddWithoutValidation(name, value);
        }
        var bodyless = request.Method == HttpMethod.Head || head.Status is < 200 or 204 or 304;
        if (bodyless) body.FrameAsEmpty();
        else if (transferEncoding?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true) body.FrameAsChunked();
        else if (contentLength is { } length) body.FrameAsLength(length);
        return response;
    }
}

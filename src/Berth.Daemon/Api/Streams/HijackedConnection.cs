using System.IO.Pipelines;
using Berth.Daemon.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon.Api.Streams;

/// <summary>
/// A client connection taken over for Docker's attach and exec streams: <see cref="Input"/> is what the client sends (stdin;
/// a read of 0 bytes means it closed its write side, yet <see cref="Output"/> still reaches it), <see cref="Output"/> frames
/// what the container prints. Disposing it ends the stream; the connection closes when the handler returns.
/// </summary>
public sealed class HijackedConnection : IAsyncDisposable
{
    private readonly IDuplexPipe? _socket;

    private HijackedConnection(Stream input, Stream output, IDuplexPipe? socket, bool tty)
    {
        _socket = socket;
        Input = input;
        Output = new StreamFrameWriter(output, multiplexed: !tty);
    }

    /// <summary>What the client writes (stdin); empty when the request was not an upgrade, because then the client sends nothing more.</summary>
    public Stream Input { get; }

    /// <summary>Where output goes: stdcopy frames without a tty, raw bytes with one.</summary>
    public StreamFrameWriter Output { get; }

    /// <summary>The request carried an Upgrade header and got 101; otherwise it got 200 and only <see cref="Output"/> is useful.</summary>
    public bool Upgraded => _socket != null;

    /// <summary>dockerd's media type for a stream: raw with a tty or for clients before API 1.42, multiplexed otherwise.</summary>
    public static string ContentType(bool tty, string apiVersion)
        => !tty && ApiVersion.Compare(apiVersion, "1.42") >= 0 ? "application/vnd.docker.multiplexed-stream" : "application/vnd.docker.raw-stream";

    /// <summary>
    /// The request body of a hijack request (exec start's JSON): the connection layer took it off the wire, so the handler reads
    /// it here, not from Request.Body, which Kestrel sees as empty. For any other request, Request.Body itself.
    /// </summary>
    public static Stream RequestBody(HttpContext context)
    {
        var feature = context.Features.Get<IHijackFeature>();
        return IsUpgradeRequest(context) && feature?.HijackBody is { } body ? new MemoryStream(body.ToArray(), writable: false) : context.Request.Body;
    }

    /// <summary>
    /// Answers the request the way dockerd does before streaming: with an Upgrade header, 101 with Content-Type,
    /// Connection: Upgrade and Upgrade: tcp, then the raw socket; without one, 200 with the same Content-Type and the response body.
    /// Call it only after every check that can still fail with an error status.
    /// </summary>
    public static async Task<HijackedConnection> AcceptAsync(HttpContext context, bool tty, string apiVersion)
    {
        context.Response.ContentType = ContentType(tty, apiVersion);
        if (!IsUpgradeRequest(context))
        {
            context.Response.StatusCode = 200;
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            return new HijackedConnection(Stream.Null, context.Response.Body, null, tty);
        }
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var socket = context.Features.Get<IHijackFeature>()?.Claim();
        // Without the connection layer (UseDockerHijack) Kestrel would cut the stream at the client's first half-close.
        if (upgrade is not { IsUpgradableRequest: true } || socket == null)
            throw new HijackUnavailableError();
        context.Response.Headers.Upgrade = "tcp";
        // Kestrel writes and flushes the 101 head (its reason phrase is "Switching Protocols", not dockerd's "UPGRADED": clients
        // read the code only); the stream it returns is not used, the socket's pipes are.
        await upgrade.UpgradeAsync();
        return new HijackedConnection(socket.Input.AsStream(leaveOpen: true), socket.Output.AsStream(leaveOpen: true), socket, tty);
    }

    /// <summary>
    /// dockerd's answer when an attach fails before its stream starts (bad detach keys, no such container): the status, Content-Type
    /// application/vnd.docker.raw-stream and the message as plain text with CRLF, not JSON; then the connection closes.
    /// </summary>
    public static async Task RefuseAttachAsync(HttpContext context, BerthError error)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/vnd.docker.raw-stream";
        context.Response.Headers.Connection = "close";
        await context.Response.WriteAsync(error.Message + "\r\n", context.RequestAborted);
    }

    private static bool IsUpgradeRequest(HttpContext context) => context.Request.Headers.Upgrade.Count > 0;

    /// <summary>Ends the stream: flushes, and closes the write side so the client sees the end even before the connection closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_socket == null) return;
        await _socket.Output.FlushAsync();
        await _socket.Output.CompleteAsync();
    }
}

/// <summary>The listener lacks the connection layer a hijack needs (a wiring fault, not the client's).</summary>
public sealed class HijackUnavailableError() : BerthError(500, "cannot hijack the connection: the listener was not set up with UseDockerHijack");

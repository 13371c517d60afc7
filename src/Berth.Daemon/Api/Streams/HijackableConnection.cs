using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon.Api.Streams;

/// <summary>
/// The connection Kestrel's HTTP layer sees, standing between it and the socket so that a Docker hijack works:
/// requests are passed on byte for byte until one carries an Upgrade header; that one's body (exec start sends JSON) is taken
/// off the wire, because Kestrel will not upgrade a request with a body, and from then on the socket belongs to the handler
/// that hijacks it. Kestrel never learns of the client's FIN during a hijack, because it would abort the response on it and a
/// client that closes stdin still reads the output (half-close).
/// </summary>
internal sealed class HijackableConnection : ConnectionContext, IHijackFeature
{
    private const int MaxHead = 64 * 1024;
    private const int MaxHijackBody = 1024 * 1024;

    private readonly ConnectionContext _socket;
    private readonly Pipe _toKestrel = new(new PipeOptions(useSynchronizationContext: false));
    private readonly CancellationTokenSource _closed = new();
    private ReadOnlyMemory<byte>? _hijackBody;
    private int _claimed;

    public HijackableConnection(ConnectionContext socket)
    {
        _socket = socket;
        Transport = new DuplexPipe(_toKestrel.Reader, socket.Transport.Output);
        ConnectionClosed = _closed.Token;
        socket.Features.Set<IHijackFeature>(this);
    }

    public override IDuplexPipe Transport { get; set; }
    public override string ConnectionId { get => _socket.ConnectionId; set => _socket.ConnectionId = value; }
    public override IFeatureCollection Features => _socket.Features;
    public override IDictionary<object, object?> Items { get => _socket.Items; set => _socket.Items = value; }
    public override EndPoint? LocalEndPoint { get => _socket.LocalEndPoint; set => _socket.LocalEndPoint = value; }
    public override EndPoint? RemoteEndPoint { get => _socket.RemoteEndPoint; set => _socket.RemoteEndPoint = value; }
    public override void Abort(ConnectionAbortedException abortReason) => _socket.Abort(abortReason);
    public override void Abort() => _socket.Abort();

    /// <inheritdoc />
    public ReadOnlyMemory<byte>? HijackBody => _hijackBody;

    /// <inheritdoc />
    public IDuplexPipe? Claim() => Interlocked.Exchange(ref _claimed, 1) == 0 && _hijackBody != null ? _socket.Transport : null;

    /// <summary>Feeds Kestrel until the socket ends or a hijack request arrives.</summary>
    public async Task PumpAsync()
    {
        var input = _socket.Transport.Input;
        var writer = _toKestrel.Writer;
        var scanner = new RequestScanner();
        try
        {
            while (true)
            {
                var result = await input.ReadAsync();
                var buffer = result.Buffer;
                var (step, consumed) = Scan(scanner, buffer);
                if (step.Kind == ScanKind.Opaque)
                {
                    foreach (var segment in buffer) await writer.WriteAsync(segment);
                    input.AdvanceTo(buffer.End);
                }
                else
                {
                    foreach (var segment in buffer.Slice(0, step.PassedEnd)) await writer.WriteAsync(segment);
                    if (step.Kind == ScanKind.ContinueWanted) await _socket.Transport.Output.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray());
                    if (step.Kind == ScanKind.Hijack)
                    {
                        _hijackBody = step.Body;
                        await writer.WriteAsync(step.Head!.WithoutBody());
                        // What follows stays in the socket's pipe for the hijacker; Kestrel reads nothing more, so a handler that
                        // answers without hijacking (404, 409) ends the connection after its answer.
                        input.AdvanceTo(consumed);
                        await writer.CompleteAsync();
                        return;
                    }
                    input.AdvanceTo(consumed, buffer.End);
                }
                if (result.IsCompleted || result.IsCanceled) break;
            }
            await writer.CompleteAsync();
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e);
        }
        // The client closed (or the socket failed) outside a hijack: Kestrel aborts what it is doing, as it would without us.
        await _closed.CancelAsync();
    }

    private static (ScanStep Step, SequencePosition Consumed) Scan(RequestScanner scanner, ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        var step = scanner.Advance(ref reader, MaxHead, MaxHijackBody);
        return (step, reader.Position);
    }

    public override async ValueTask DisposeAsync()
    {
        _closed.Dispose();
        await base.DisposeAsync();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}

using System.Threading.Channels;
using Berth.Monitor.Logs;
using Berth.Monitor.Protocol;

namespace Berth.Monitor.Output;

/// <summary>One client following a process's output: frames queue here (filled by the pump thread) and a task sends
/// them. A client that falls more than <see cref="HighWater"/> behind pauses the process's output until it catches up,
/// as a slow attached terminal does with dockerd.</summary>
internal sealed class Subscriber(Stream connection)
{
    internal const long HighWater = 1024 * 1024, LowWater = 256 * 1024;
    private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>(new() { SingleReader = true });
    private long _pending;
    private volatile bool _gone;

    /// <summary>Whether the client left (or was completed and sent everything); it gets nothing more.</summary>
    internal bool Gone => _gone;

    /// <summary>Called when the subscriber got below LowWater again, or left.</summary>
    internal Action<Subscriber>? Drained { get; set; }

    /// <summary>Whether the client is too far behind.</summary>
    internal bool Behind => !_gone && Interlocked.Read(ref _pending) > HighWater;

    /// <summary>Queues a chunk of output; true when the client is now too far behind.</summary>
    internal bool Enqueue(LogStream stream, ReadOnlySpan<byte> data)
    {
        if (_gone) return false;
        var frame = new byte[8 + data.Length];
        Wire.FrameHeader(frame, (byte)stream, data.Length);
        data.CopyTo(frame.AsSpan(8));
        var pending = Interlocked.Add(ref _pending, frame.Length);
        _frames.Writer.TryWrite(frame);
        return pending > HighWater;
    }

    /// <summary>The output ended: sends the end marker after what is queued, then the connection closes.</summary>
    internal void Complete()
    {
        var end = new byte[8];
        Wire.FrameHeader(end, Wire.EndStream, 0);
        _frames.Writer.TryWrite(end);
        _frames.Writer.TryComplete();
    }

    /// <summary>Sends frames until the output ends or the client goes away (its EOF, or a failed write).</summary>
    internal async Task RunAsync(CancellationToken cancel)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var watch = WatchForHangUpAsync(gone);
        try
        {
            await foreach (var frame in _frames.Reader.ReadAllAsync(gone.Token))
            {
                await connection.WriteAsync(frame, gone.Token);
                var before = Interlocked.Add(ref _pending, -frame.Length) + frame.Length;
                if (before > LowWater && before - frame.Length <= LowWater) Drained?.Invoke(this);
            }
            await connection.FlushAsync(gone.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            _gone = true;
            _frames.Writer.TryComplete();
            Interlocked.Exchange(ref _pending, 0);
            Drained?.Invoke(this);
            await gone.CancelAsync();
            await watch;
        }
    }

    /// <summary>A subscriber sends nothing after its request: any read completing means it hung up.</summary>
    private async Task WatchForHangUpAsync(CancellationTokenSource gone)
    {
        try
        {
            var one = new byte[1];
            while (await connection.ReadAsync(one, gone.Token) > 0) { }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
        await gone.CancelAsync();
    }
}

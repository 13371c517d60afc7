using System.Buffers.Binary;
using Berth.Monitor.Protocol;

namespace Berth.Daemon.Containers.Monitor;

/// <summary>A subscription read from its connection: 8-byte frames [stream, 0, 0, 0, length BE] then data; stream 0
/// marks the normal end. A connection that ends without that marker means the monitor went away.</summary>
internal sealed class MonitorSubscription(MonitorConnection connection) : IOutputSubscription
{
    private readonly byte[] _header = new byte[8];
    private bool _ended;

    public async ValueTask<(OutputStream Stream, ReadOnlyMemory<byte> Data)?> ReadAsync(CancellationToken cancel)
    {
        if (_ended) return null;
        await ReadExactlyAsync(_header, cancel);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        if (_header[0] == Wire.EndStream) { _ended = true; return null; }
        if (_header[0] is not (1 or 2) || length < 0) throw new MonitorError("berth-monitor sent a malformed output frame");
        var data = new byte[length];
        await ReadExactlyAsync(data, cancel);
        return ((OutputStream)_header[0], data);
    }

    private async Task ReadExactlyAsync(Memory<byte> target, CancellationToken cancel)
    {
        // The reply line may have been read together with the first frames.
        var filled = 0;
        var leftover = connection.Lines.Leftover;
        if (leftover.Length > 0)
        {
            filled = Math.Min(leftover.Length, target.Length);
            leftover[..filled].CopyTo(target);
            connection.Lines.Consume(filled);
        }
        try { await connection.Stream.ReadExactlyAsync(target[filled..], cancel); }
        catch (EndOfStreamException) { throw new MonitorError("berth-monitor ended the output stream unexpectedly"); }
        catch (IOException e) { throw new MonitorError($"berth-monitor output stream: {e.Message}"); }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

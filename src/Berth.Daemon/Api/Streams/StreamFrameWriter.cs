using System.Buffers.Binary;

namespace Berth.Daemon.Api.Streams;

/// <summary>
/// Writes container output the way dockerd sends it: multiplexed as stdcopy frames (8-byte header: stream, three zero bytes,
/// big-endian uint32 size; then the data) when there is no tty, or the bytes as they are with one. Safe for concurrent writers
/// (stdout and stderr pumps): each frame goes out whole.
/// </summary>
public sealed class StreamFrameWriter(Stream output, bool multiplexed)
{
    /// <summary>The size of a frame header.</summary>
    public const int HeaderSize = 8;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>True when frames carry headers (no tty).</summary>
    public bool Multiplexed { get; } = multiplexed;

    /// <summary>Writes the 8-byte header for a frame of size bytes on stream into header.</summary>
    public static void WriteHeader(Span<byte> header, StdStream stream, int size)
    {
        header[0] = (byte)stream;
        header[1] = header[2] = header[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)size);
    }

    /// <summary>Sends data as one frame on stream (raw with a tty, where the stream is not told); empty data sends nothing, as in dockerd.</summary>
    public async ValueTask WriteAsync(StdStream stream, ReadOnlyMemory<byte> data, CancellationToken cancellation = default)
    {
        if (data.IsEmpty) return;
        await _gate.WaitAsync(cancellation);
        try
        {
            if (Multiplexed)
            {
                var header = new byte[HeaderSize];
                WriteHeader(header, stream, data.Length);
                await output.WriteAsync(header, cancellation);
            }
            await output.WriteAsync(data, cancellation);
            await output.FlushAsync(cancellation);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reports a daemon error in band after the stream started: on the systemerr stream when multiplexed, else as plain text.</summary>
    public ValueTask WriteErrorAsync(string message, CancellationToken cancellation = default)
        => WriteAsync(StdStream.SystemErr, System.Text.Encoding.UTF8.GetBytes(message), cancellation);
}

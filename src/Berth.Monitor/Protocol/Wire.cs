using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Monitor.Protocol;

/// <summary>The protocol's framing: JSON lines for requests, replies and exits; stdcopy-style frames for output.</summary>
public static class Wire
{
    /// <summary>The socket's file name under the exec root.</summary>
    public const string SocketName = "monitor.sock";

    /// <summary>Longest accepted JSON line: a request is a few hundred bytes.</summary>
    public const int MaxLine = 1024 * 1024;

    /// <summary>Frame stream id of the end-of-output marker (length 0): output ended normally.</summary>
    public const byte EndStream = 0;

    /// <summary>Writes value as one JSON line.</summary>
    public static async Task WriteLineAsync<T>(Stream stream, T value, JsonTypeInfo<T> type, CancellationToken cancel)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, type);
        var line = new byte[bytes.Length + 1];
        bytes.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        await stream.WriteAsync(line, cancel);
        await stream.FlushAsync(cancel);
    }

    /// <summary>Writes a frame header: [stream, 0, 0, 0, length uint32 BE].</summary>
    public static void FrameHeader(Span<byte> header, byte stream, int length)
    {
        header[0] = stream;
        header[1] = header[2] = header[3] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)length);
    }
}

/// <summary>Reads JSON lines from a stream without losing the bytes that follow them (stdin data, frames).</summary>
public sealed class LineReader(Stream stream)
{
    private byte[] _buffer = new byte[4096];
    private int _start, _end;

    /// <summary>The next line parsed as T, or null at a clean end of stream.</summary>
    public async Task<T?> ReadAsync<T>(JsonTypeInfo<T> type, CancellationToken cancel) where T : class
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = _buffer.AsSpan(_start, newline);
                _start += newline + 1;
                return JsonSerializer.Deserialize(line, type) ?? throw new InvalidDataException("monitor protocol: empty message");
            }
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                if (_buffer.Length >= Wire.MaxLine) throw new InvalidDataException("monitor protocol: line too long");
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            var n = await stream.ReadAsync(_buffer.AsMemory(_end), cancel);
            if (n == 0)
                return _end == 0 ? null : throw new EndOfStreamException("monitor protocol: connection ended mid-line");
            _end += n;
        }
    }

    /// <summary>Bytes read past the last line (the start of a raw stream).</summary>
    public ReadOnlyMemory<byte> Leftover => _buffer.AsMemory(_start, _end - _start);

    /// <summary>Marks count bytes of <see cref="Leftover"/> as used.</summary>
    public void Consume(int count) => _start += Math.Min(count, _end - _start);
}

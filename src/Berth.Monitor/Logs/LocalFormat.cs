using System.Buffers;
using System.Buffers.Binary;

namespace Berth.Monitor.Logs;

/// <summary>The `local` driver's files. Berth's own compact binary layout, not dockerd's protobuf one (its files are
/// read only by berthd): per entry, a big-endian uint32 length L, L bytes of [stream u8][partial u8][unix time in
/// nanoseconds i64 BE][data], then L again, so a reader can also walk backwards.</summary>
public sealed class LocalFormat : ILogFormat
{
    /// <summary>The one instance.</summary>
    public static readonly LocalFormat Instance = new();

    private const int Header = 1 + 1 + 8;

    /// <inheritdoc />
    public void Encode(LogMessage message, ArrayBufferWriter<byte> output)
    {
        var length = Header + message.Data.Length;
        var span = output.GetSpan(length + 8);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        span[4] = (byte)message.Stream;
        span[5] = message.Partial ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(span[6..], (message.Time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);
        message.Data.Span.CopyTo(span[(4 + Header)..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[(4 + length)..], (uint)length);
        output.Advance(length + 8);
    }

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> buffer, out LogMessage? message, out int consumed)
    {
        message = null;
        consumed = 0;
        if (buffer.Length < 4) return false;
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(buffer);
        if (length < Header || length > 64 * 1024 * 1024) throw new InvalidDataException("local log: corrupt entry length");
        if (buffer.Length < length + 8) return false;
        var body = buffer.Slice(4, length);
        var nanos = BinaryPrimitives.ReadInt64BigEndian(body[2..]);
        message = new LogMessage((LogStream)body[0], DateTimeOffset.UnixEpoch.AddTicks(nanos / 100), body[Header..].ToArray(), body[1] == 1);
        consumed = length + 8;
        return true;
    }
}

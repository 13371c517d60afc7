using System.Buffers;

namespace Berth.Daemon.Api.Streams;

/// <summary>Walks a chunked request body (RFC 9112 §7.1) as it arrives, to find where it ends and, if asked, to collect its data.</summary>
internal sealed class ChunkedBody
{
    private const int MaxLine = 8192;
    private enum Part { Size, Data, DataEnd, Trailer, Done }
    private Part _part = Part.Size;
    private long _remaining;

    /// <summary>The body ended (the last chunk and the trailer section were read).</summary>
    public bool Done => _part == Part.Done;

    /// <summary>Consumes what it can from reader, writing chunk data to data when given; false when the framing is broken.</summary>
    public bool Advance(ref SequenceReader<byte> reader, IBufferWriter<byte>? data)
    {
        while (!reader.End && _part != Part.Done)
        {
            switch (_part)
            {
                case Part.Size:
                    if (!TryReadLine(ref reader, out var sizeLine, out var ok)) return ok;
                    var semicolon = sizeLine.IndexOf(';');
                    var hex = (semicolon >= 0 ? sizeLine[..semicolon] : sizeLine).Trim();
                    if (!long.TryParse(hex, System.Globalization.NumberStyles.AllowHexSpecifier, null, out _remaining) || _remaining < 0) return false;
                    _part = _remaining == 0 ? Part.Trailer : Part.Data;
                    break;
                case Part.Data:
                    var take = (int)Math.Min(_remaining, reader.Remaining);
                    if (data != null) foreach (var segment in reader.UnreadSequence.Slice(0, take)) data.Write(segment.Span);
                    reader.Advance(take);
                    _remaining -= take;
                    if (_remaining == 0) _part = Part.DataEnd;
                    break;
                case Part.DataEnd:
                    if (!TryReadLine(ref reader, out var end, out var fine)) return fine;
                    if (end.Length != 0) return false;
                    _part = Part.Size;
                    break;
                case Part.Trailer:
                    if (!TryReadLine(ref reader, out var trailer, out var good)) return good;
                    if (trailer.Length == 0) _part = Part.Done;
                    break;
            }
        }
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out string line, out bool ok)
    {
        line = "";
        ok = true;
        if (!reader.TryReadTo(out ReadOnlySequence<byte> bytes, (byte)'\n'))
        {
            ok = reader.Remaining <= MaxLine;
            return false;
        }
        if (bytes.Length > MaxLine) { ok = false; return false; }
        line = System.Text.Encoding.Latin1.GetString(bytes.ToArray()).TrimEnd('\r');
        return true;
    }
}

using System.Buffers;

namespace Berth.Daemon.Api.Streams;

/// <summary>What the scanner found in the bytes it was given.</summary>
internal enum ScanKind
{
    /// <summary>Bytes up to PassedEnd are ordinary HTTP traffic for Kestrel; more input is needed to go on.</summary>
    Pass,
    /// <summary>A hijack request head (bytes before it go to Kestrel) is waiting for its body behind "Expect: 100-continue".</summary>
    ContinueWanted,
    /// <summary>A hijack request arrived whole: Head and Body are set, and what follows it belongs to the hijacker.</summary>
    Hijack,
    /// <summary>Traffic the scanner cannot frame: everything goes to Kestrel untouched, which answers 400 and closes.</summary>
    Opaque,
}

/// <summary>One step of the scan: what was found and how far the bytes were passed and consumed.</summary>
internal readonly record struct ScanStep(ScanKind Kind, SequencePosition PassedEnd, RequestHead? Head = null, ReadOnlyMemory<byte>? Body = null);

/// <summary>Follows HTTP/1.1 request framing on a connection (heads, Content-Length and chunked bodies) to spot Docker's hijack requests.</summary>
internal sealed class RequestScanner
{
    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;
    private enum State { Head, FixedBody, ChunkedBody, HijackBody, Opaque }

    private State _state = State.Head;
    private long _remaining;
    private ChunkedBody? _chunked;
    private RequestHead? _hijackHead;
    private ArrayBufferWriter<byte>? _hijackBody;
    private bool _continueSent;

    /// <summary>Consumes from reader as far as framing allows; reader.Position is where consumption stopped.</summary>
    public ScanStep Advance(ref SequenceReader<byte> reader, int maxHead, int maxHijackBody)
    {
        while (true)
        {
            switch (_state)
            {
                case State.Opaque:
                    return new ScanStep(ScanKind.Opaque, reader.Sequence.End);
                case State.Head:
                    if (reader.End) return new ScanStep(ScanKind.Pass, reader.Position);
                    var headStart = reader.Position;
                    if (!reader.TryReadTo(out ReadOnlySequence<byte> headBytes, HeadEnd))
                        return reader.Remaining > maxHead ? GiveUp() : new ScanStep(ScanKind.Pass, headStart);
                    var head = headBytes.Length <= maxHead ? RequestHead.Parse(headBytes.ToArray()) : null;
                    if (head == null) return GiveUp();
                    if (head.Upgrade)
                    {
                        _hijackHead = head;
                        _hijackBody = new ArrayBufferWriter<byte>();
                        _remaining = head.ContentLength ?? 0;
                        _chunked = head.Chunked ? new ChunkedBody() : null;
                        _state = State.HijackBody;
                        var step = TakeHijackBody(ref reader, headStart, maxHijackBody);
                        if (step.Kind == ScanKind.Pass && head.ExpectsContinue && !_continueSent)
                        {
                            _continueSent = true;
                            return step with { Kind = ScanKind.ContinueWanted };
                        }
                        return step;
                    }
                    if (head.Chunked) { _chunked = new ChunkedBody(); _state = State.ChunkedBody; }
                    else if (head.ContentLength is > 0 and var length) { _remaining = length; _state = State.FixedBody; }
                    break;
                case State.FixedBody:
                    var take = Math.Min(_remaining, reader.Remaining);
                    reader.Advance(take);
                    _remaining -= take;
                    if (_remaining > 0) return new ScanStep(ScanKind.Pass, reader.Position);
                    _state = State.Head;
                    break;
                case State.ChunkedBody:
                    if (!_chunked!.Advance(ref reader, null)) return GiveUp();
                    if (!_chunked.Done) return new ScanStep(ScanKind.Pass, reader.Position);
                    _state = State.Head;
                    break;
                case State.HijackBody:
                    return TakeHijackBody(ref reader, reader.Position, maxHijackBody);
            }
        }
    }

    // The head and any body bytes already seen stay with the scanner, so nothing after passedEnd goes to Kestrel yet.
    private ScanStep TakeHijackBody(ref SequenceReader<byte> reader, SequencePosition passedEnd, int maxHijackBody)
    {
        var body = _hijackBody!;
        if (_chunked != null)
        {
            if (!_chunked.Advance(ref reader, body)) return GiveUp();
            if (!_chunked.Done) return body.WrittenCount > maxHijackBody ? GiveUp() : new ScanStep(ScanKind.Pass, passedEnd);
        }
        else
        {
            if (_remaining > maxHijackBody) return GiveUp();
            var take = (int)Math.Min(_remaining, reader.Remaining);
            foreach (var segment in reader.UnreadSequence.Slice(0, take)) body.Write(segment.Span);
            reader.Advance(take);
            _remaining -= take;
            if (_remaining > 0) return new ScanStep(ScanKind.Pass, passedEnd);
        }
        _state = State.Opaque;
        return new ScanStep(ScanKind.Hijack, passedEnd, _hijackHead, body.WrittenMemory);
    }

    private ScanStep GiveUp()
    {
        _state = State.Opaque;
        return new ScanStep(ScanKind.Opaque, default);
    }
}

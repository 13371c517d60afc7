namespace Berth.Monitor.Logs;

/// <summary>Cuts one stream's output into log messages as dockerd's log copier does: a message per line, and a
/// partial message when 16 KB gather without a newline or when the stream ends mid-line.</summary>
public sealed class LineSplitter(LogStream stream)
{
    /// <summary>dockerd's copier buffer size: a longer line is logged in pieces of this size.</summary>
    public const int BufferSize = 16 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private int _length;

    /// <summary>Adds output; emit gets each finished message (its data is only valid during the call).</summary>
    public void Feed(ReadOnlySpan<byte> data, DateTimeOffset now, Action<LogMessage> emit)
    {
        while (data.Length > 0)
        {
            var take = Math.Min(data.Length, BufferSize - _length);
            data[..take].CopyTo(_buffer.AsSpan(_length));
            _length += take;
            data = data[take..];
            EmitLines(now, emit);
            if (_length == BufferSize) EmitRest(now, emit);
        }
    }

    /// <summary>The stream ended: what is left is a last line without a newline.</summary>
    public void Flush(DateTimeOffset now, Action<LogMessage> emit)
    {
        if (_length > 0) EmitRest(now, emit);
    }

    private void EmitLines(DateTimeOffset now, Action<LogMessage> emit)
    {
        var start = 0;
        int newline;
        while ((newline = _buffer.AsSpan(start, _length - start).IndexOf((byte)'\n')) >= 0)
        {
            emit(new LogMessage(stream, now, _buffer.AsMemory(start, newline + 1), Partial: false));
            start += newline + 1;
        }
        if (start == 0) return;
        _buffer.AsSpan(start, _length - start).CopyTo(_buffer);
        _length -= start;
    }

    private void EmitRest(DateTimeOffset now, Action<LogMessage> emit)
    {
        emit(new LogMessage(stream, now, _buffer.AsMemory(0, _length), Partial: true));
        _length = 0;
    }
}

using System.Text;

namespace Berth.Cli.Connection;

/// <summary>The status line and headers of a daemon's answer.</summary>
internal sealed record ResponseHead(int Status, string Reason, IReadOnlyList<(string Name, string Value)> Headers);

/// <summary>A response read off its connection: first the head, then the body as its framing (Content-Length, chunked,
/// or up to the connection's end) delimits it. Disposing closes the connection.</summary>
internal sealed class ResponseBodyStream(Stream connection) : Stream
{
    private const int MaxHead = 64 * 1024;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start, _end;
    private enum Framing { UntilClose, Length, Chunked, Empty }
    private Framing _framing;
    private long _left;
    private bool _done, _chunkOpen;

    /// <summary>Reads the head; null when the connection ends before any byte of it.</summary>
    internal async Task<ResponseHead?> ReadHeadAsync(CancellationToken token)
    {
        var statusLine = await ReadLineAsync(token);
        if (statusLine == null) return null;
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], out var status))
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"malformed response: {statusLine}");
        var headers = new List<(string, string)>();
        var size = statusLine.Length;
        while (await ReadLineAsync(token) is { Length: > 0 } line)
        {
            size += line.Length;
            if (size > MaxHead) throw new HttpRequestException(HttpRequestError.InvalidResponse, "response headers too large");
            var colon = line.IndexOf(':');
            if (colon > 0) headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return new ResponseHead(status, parts.Length > 2 ? parts[2] : "", headers);
    }

    /// <summary>The body has no bytes (HEAD, 204, 304).</summary>
    internal void FrameAsEmpty() => _framing = Framing.Empty;

    /// <summary>The body is length bytes long.</summary>
    internal void FrameAsLength(long length) => (_framing, _left) = (Framing.Length, length);

    /// <summary>The body comes in chunks.</summary>
    internal void FrameAsChunked() => _framing = Framing.Chunked;

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken token = default)
    {
        try { return await ReadFramedAsync(destination, token); }
        catch (IOException e) when (e is not HttpIOException)
        {
            throw new HttpIOException(HttpRequestError.ResponseEnded, "the response ended prematurely", e);
        }
    }

    private async ValueTask<int> ReadFramedAsync(Memory<byte> destination, CancellationToken token)
    {
        if (_done || destination.Length == 0) return 0;
        switch (_framing)
        {
            case Framing.Empty:
                _done = true;
                return 0;
            case Framing.Length:
                if (_left == 0) { _done = true; return 0; }
                var n = await ReadRawAsync(destination[..(int)Math.Min(destination.Length, _left)], token);
                if (n == 0) throw Ended();
                _left -= n;
                return n;
            case Framing.Chunked:
                if (_left == 0 && !await NextChunkAsync(token)) return 0;
                var c = await ReadRawAsync(destination[..(int)Math.Min(destination.Length, _left)], token);
                if (c == 0) throw Ended();
                _left -= c;
                return c;
            default:
                var u = await ReadRawAsync(destination, token);
                if (u == 0) _done = true;
                return u;
        }
    }

    // As SocketsHttpHandler reports a cut-off body (the CLI prints docker's "unexpected EOF" for it).
    private static HttpIOException Ended() => new(HttpRequestError.ResponseEnded, "the response ended prematurely");

    // Reads the size line of the next chunk (after the previous one's CRLF); false at the last, empty chunk.
    private async Task<bool> NextChunkAsync(CancellationToken token)
    {
        if (_chunkOpen) await ReadLineAsync(token);
        var line = await ReadLineAsync(token) ?? throw Ended();
        var digits = line.Split(';', 2)[0].Trim();
        if (!long.TryParse(digits, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
            throw new HttpIOException(HttpRequestError.InvalidResponse, $"malformed chunk size \"{digits}\" in the daemon's answer");
        if (size == 0)
        {
            while (await ReadLineAsync(token) is { Length: > 0 }) { } // trailers
            _done = true;
            return false;
        }
        _left = size;
        _chunkOpen = true;
        return true;
    }

    private async ValueTask<int> ReadRawAsync(Memory<byte> destination, CancellationToken token)
    {
        if (_start == _end)
        {
            // A large read goes straight to the caller; small ones are buffered.
            if (destination.Length >= _buffer.Length) return await connection.ReadAsync(destination, token);
            _start = 0;
            _end = await connection.ReadAsync(_buffer, token);
            if (_end == 0) return 0;
        }
        var n = Math.Min(destination.Length, _end - _start);
        _buffer.AsMemory(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }

    // One CRLF-terminated line without its end; null at the connection's end before any byte.
    private async Task<string?> ReadLineAsync(CancellationToken token)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await connection.ReadAsync(_buffer, token);
                if (_end == 0) return line.Length == 0 ? null : line.ToString();
            }
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, stop - _start));
            _start = newline < 0 ? _end : newline + 1;
            if (line.Length > MaxHead) throw new HttpIOException(HttpRequestError.InvalidResponse, "a line of the daemon's answer is too long");
            if (newline >= 0) return line.ToString().TrimEnd('\r');
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken token) => ReadAsync(buffer.AsMemory(offset, count), token).AsTask();
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) connection.Dispose();
        base.Dispose(disposing);
    }
}

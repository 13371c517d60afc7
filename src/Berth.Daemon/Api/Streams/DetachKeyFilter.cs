namespace Berth.Daemon.Api.Streams;

/// <summary>
/// Stdin from an attached client with a tty, minus the detach sequence: bytes pass through until the whole sequence is seen,
/// then reads end (0 bytes) with <see cref="Detached"/> set. As dockerd's escape proxy, a key counts only when it arrives alone
/// in one read (a typed key), so pasted or piped data that happens to hold the bytes is never cut; key bytes held back while a
/// sequence was partly matched come out in front of the next read when it does not go on matching.
/// </summary>
public sealed class DetachKeyFilter(Stream input, byte[] keys) : Stream
{
    private int _matched;
    private ReadOnlyMemory<byte> _pending;

    /// <summary>The client typed the full detach sequence; the container's stdin must stay open.</summary>
    public bool Detached { get; private set; }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty) return 0;
        if (!_pending.IsEmpty) return TakePending(buffer);
        while (!Detached)
        {
            var read = new byte[buffer.Length];
            var n = await input.ReadAsync(read, cancellationToken);
            if (keys.Length == 0) { read.AsMemory(0, n).CopyTo(buffer); return n; }
            if (n == 1 && read[0] == keys[_matched])
            {
                if (++_matched == keys.Length) Detached = true;
                continue;
            }
            if (_matched == 0) { read.AsMemory(0, n).CopyTo(buffer); return n; }
            _pending = (byte[])[.. keys.AsSpan(0, _matched), .. read.AsSpan(0, n)];
            _matched = 0;
            return TakePending(buffer);
        }
        return 0;
    }

    private int TakePending(Memory<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _pending.Length);
        _pending[..n].CopyTo(buffer);
        _pending = _pending[n..];
        return n;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override bool CanRead => true;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override bool CanWrite => false;
    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    /// <inheritdoc />
    public override void Flush() { }
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

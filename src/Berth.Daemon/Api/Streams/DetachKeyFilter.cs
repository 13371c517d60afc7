namespace Berth.Daemon.Api.Streams;

/// <summary>
/// Stdin from an attached client with a tty, minus the detach sequence: bytes pass through until the whole sequence is seen,
/// then reads end (0 bytes) with <see cref="Detached"/> set. As dockerd's escape proxy, a key counts only when it arrives alone
/// in one read (a typed key), so pasted or piped data that happens to hold the bytes is never cut; key bytes held back while a
/// sequence was partly matched come out in front of the next read when it does not go on matching.
/// </summary>
public sealed class DetachKeyFilter(Stream input, byte[] keys)
{
    private int _matched;
    private ReadOnlyMemory<byte> _pending;

    /// <summary>The client typed the full detach sequence; the container's stdin must stay open.</summary>
    public bool Detached { get; private set; }

    /// <summary>Reads what the client typed, minus the detach keys; 0 at the end of stdin or on detach (see <see cref="Detached"/>).</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty) return 0;
        if (!_pending.IsEmpty) return TakePending(buffer);
        while (!Detached)
        {
            var n = await input.ReadAsync(buffer, cancellationToken);
            if (keys.Length == 0) return n;
            if (n == 1 && buffer.Span[0] == keys[_matched])
            {
                if (++_matched == keys.Length) Detached = true;
                continue;
            }
            if (_matched == 0) return n;
            _pending = (byte[])[.. keys.AsSpan(0, _matched), .. buffer.Span[..n]];
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
}

using System.Security.Cryptography;
using Berth.Oci.Image;

namespace Berth.Storage.Layers;

/// <summary>Hashes what passes through it (a layer's DiffID is the sha256 of the uncompressed tar) and remembers how
/// the stream ended, so a tar cut short at an entry boundary can be told from a complete one.</summary>
internal sealed class HashingStream(Stream inner) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes read so far.</summary>
    internal long Length64 { get; private set; }

    /// <summary>How many zero bytes the stream has ended with so far.</summary>
    internal long TrailingZeros { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n <= 0) return n;
        var chunk = buffer[..n];
        _hash.AppendData(chunk);
        Length64 += n;
        var lastNonZero = chunk.LastIndexOfAnyExcept((byte)0);
        TrailingZeros = lastNonZero < 0 ? TrailingZeros + n : n - lastNonZero - 1;
        return n;
    }

    /// <summary>Reads to the end (trailing padding counts towards the DiffID) and returns the digest.</summary>
    internal Digest Finish()
    {
        var buffer = new byte[1 << 16];
        while (Read(buffer) > 0) { }
        return Digest.FromHash(_hash.GetHashAndReset());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _hash.Dispose();
        base.Dispose(disposing);
    }
}

namespace Berth.Storage.Layers;

/// <summary>Passes a stream through and reports, after every read, how many bytes have gone by (and whether the
/// end was reached), so that a long unpack can show its progress.</summary>
internal sealed class CountingStream(Stream inner, Action<long, bool> report) : ReadOnlyStream
{
    private long _count;

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _count += n;
        report(_count, n == 0 && buffer.Length > 0);
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

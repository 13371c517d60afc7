using Berth.Daemon.Api.Streams;

namespace Berth.UnitTests.Daemon.Streams;

public sealed class DetachKeyFilterTests
{
    private static readonly byte[] CtrlPq = [16, 17];

    [Fact]
    public async Task TypedSequence_Detaches_AndHidesTheKeys()
    {
        var (filter, _) = Filter(CtrlPq, "ab"u8.ToArray(), [16], [17], "after"u8.ToArray());
        Assert.Equal("ab"u8.ToArray(), await ReadAllAsync(filter));
        Assert.True(filter.Detached);
    }

    [Fact]
    public async Task PartialMatchThenOtherBytes_FlushesTheHeldKey()
    {
        var (filter, _) = Filter(CtrlPq, [16], "x"u8.ToArray(), [16], [16], [99]);
        Assert.Equal(new byte[] { 16, (byte)'x', 16, 16, 99 }, await ReadAllAsync(filter));
        Assert.False(filter.Detached);
    }

    [Fact]
    public async Task PartialMatchThenEndOfInput_FlushesTheHeldKey()
    {
        var (filter, _) = Filter(CtrlPq, "a"u8.ToArray(), [16]);
        Assert.Equal(new byte[] { (byte)'a', 16 }, await ReadAllAsync(filter));
        Assert.False(filter.Detached);
    }

    [Fact]
    public async Task SequenceInsideOneLargerRead_PassesThrough_AsInDockerd()
    {
        var (filter, _) = Filter(CtrlPq, [1, 16, 17, 2]);
        Assert.Equal(new byte[] { 1, 16, 17, 2 }, await ReadAllAsync(filter));
        Assert.False(filter.Detached);
    }

    [Fact]
    public async Task SingleKeySequence_DetachesAtOnce()
    {
        var (filter, _) = Filter([0], "z"u8.ToArray(), [0]);
        Assert.Equal("z"u8.ToArray(), await ReadAllAsync(filter));
        Assert.True(filter.Detached);
    }

    [Fact]
    public async Task HeldKeysLargerThanTheCallersBuffer_ComeOutOverSeveralReads()
    {
        var (filter, _) = Filter([1, 2, 3], [1], [2], "x"u8.ToArray());
        var got = new List<byte>();
        var one = new byte[1];
        int n;
        while ((n = await filter.ReadAsync(one)) > 0) got.AddRange(one[..n]);
        Assert.Equal(new byte[] { 1, 2, (byte)'x' }, got);
    }

    // Each chunk arrives as one read, as keystrokes from a terminal do.
    private static (DetachKeyFilter, ChunkStream) Filter(byte[] keys, params byte[][] reads)
    {
        var source = new ChunkStream(reads);
        return (new DetachKeyFilter(source, keys), source);
    }

    private static async Task<byte[]> ReadAllAsync(DetachKeyFilter stream)
    {
        var all = new MemoryStream();
        var buffer = new byte[64];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0) all.Write(buffer, 0, n);
        return all.ToArray();
    }

    // MemoryStream only for the Stream plumbing: reads come from the chunks.
    private sealed class ChunkStream(byte[][] chunks) : MemoryStream
    {
        private int _next;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_next == chunks.Length) return ValueTask.FromResult(0);
            var chunk = chunks[_next++];
            Assert.True(chunk.Length <= buffer.Length, "test chunk larger than the read buffer");
            chunk.CopyTo(buffer);
            return ValueTask.FromResult(chunk.Length);
        }
    }
}

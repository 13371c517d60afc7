using Berth.Daemon.Api.Streams;

namespace Berth.UnitTests.Daemon.Streams;

public sealed class StreamFrameWriterTests
{
    [Fact]
    public async Task Multiplexed_WritesStdcopyHeaderThenData()
    {
        var output = new MemoryStream();
        var writer = new StreamFrameWriter(output, multiplexed: true);
        await writer.WriteAsync(StdStream.Stdout, "hi\n"u8.ToArray());
        await writer.WriteAsync(StdStream.Stderr, new byte[300]);
        var bytes = output.ToArray();
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 3, (byte)'h', (byte)'i', (byte)'\n' }, bytes[..11]);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 0, 1, 44 }, bytes[11..19]);
        Assert.Equal(11 + 8 + 300, bytes.Length);
    }

    [Fact]
    public async Task Raw_WritesBytesAsTheyAre()
    {
        var output = new MemoryStream();
        var writer = new StreamFrameWriter(output, multiplexed: false);
        await writer.WriteAsync(StdStream.Stdout, "a"u8.ToArray());
        await writer.WriteAsync(StdStream.Stderr, "b"u8.ToArray());
        Assert.Equal("ab"u8.ToArray(), output.ToArray());
    }

    [Fact]
    public async Task EmptyData_SendsNoFrame()
    {
        var output = new MemoryStream();
        await new StreamFrameWriter(output, multiplexed: true).WriteAsync(StdStream.Stdout, ReadOnlyMemory<byte>.Empty);
        Assert.Empty(output.ToArray());
    }

    [Fact]
    public async Task SystemError_GoesOnStream3()
    {
        var output = new MemoryStream();
        await new StreamFrameWriter(output, multiplexed: true).WriteErrorAsync(LogLineFormat.ReadError("boom"));
        Assert.Equal(new byte[] { 3, 0, 0, 0, 0, 0, 0, 26 }, output.ToArray()[..8]);
        Assert.Equal("Error grabbing logs: boom\n", System.Text.Encoding.ASCII.GetString(output.ToArray()[8..]));
    }

    [Fact]
    public async Task ConcurrentWriters_NeverInterleaveInsideAFrame()
    {
        var output = new MemoryStream();
        var writer = new StreamFrameWriter(output, multiplexed: true);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(async () => await writer.WriteAsync(i % 2 == 0 ? StdStream.Stdout : StdStream.Stderr, new byte[i + 1]))));
        var bytes = output.ToArray();
        var frames = 0;
        for (var at = 0; at < bytes.Length; frames++)
        {
            Assert.InRange(bytes[at], 1, 2);
            at += 8 + (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 4));
        }
        Assert.Equal(200, frames);
    }

    [Theory]
    [InlineData(true, "1.41", "application/vnd.docker.raw-stream")]
    [InlineData(false, "1.41", "application/vnd.docker.raw-stream")]
    [InlineData(false, "1.42", "application/vnd.docker.multiplexed-stream")]
    [InlineData(true, "1.47", "application/vnd.docker.raw-stream")]
    public void ContentType_FollowsTtyAndVersion(bool tty, string version, string expected)
        => Assert.Equal(expected, HijackedConnection.ContentType(tty, version));
}

using System.Text;
using Berth.Cli.CommandLine;
using Berth.Cli.Streams;

namespace Berth.UnitTests.Cli.Containers;

/// <summary>The pure parts of attach streaming: stdcopy frames, detach keys and the escape matcher.</summary>
public sealed class StreamPartsTests
{
    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        return [stream, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
    }

    [Fact]
    public async Task StdCopy_SendsEachFrameToItsStream()
    {
        var source = new MemoryStream([.. Frame(1, "out1\n"), .. Frame(2, "err\n"), .. Frame(1, "out2\n"), .. Frame(0, "in")]);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        await StdCopy.CopyAsync(source, stdout, stderr);
        Assert.Equal("out1\nout2\nin", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task StdCopy_ReadsFramesSplitAcrossReadsAndLargePayloads()
    {
        var big = new string('x', 100_000);
        var source = new OneByteAtATime([.. Frame(1, big)]);
        var stdout = new MemoryStream();
        await StdCopy.CopyAsync(source, stdout, new MemoryStream());
        Assert.Equal(big.Length, stdout.Length);
    }

    [Fact]
    public async Task StdCopy_SystemErrorFrameAndTruncationFail()
    {
        var error = await Assert.ThrowsAsync<CliError>(() => StdCopy.CopyAsync(new MemoryStream(Frame(3, "boom")), new MemoryStream(), new MemoryStream()));
        Assert.Equal("Error from daemon in stream: boom", error.Message);
        var truncated = Frame(1, "abc")[..9];
        Assert.Equal("unexpected EOF", (await Assert.ThrowsAsync<CliError>(() => StdCopy.CopyAsync(new MemoryStream(truncated), new MemoryStream(), new MemoryStream()))).Message);
    }

    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 16, 17 })]
    [InlineData("ctrl-a,x", new byte[] { 1, (byte)'x' })]
    [InlineData("ctrl-@,ctrl-[,ctrl-_", new byte[] { 0, 27, 31 })]
    public void DetachKeys_ParseAsDockerDoes(string keys, byte[] expected) => Assert.Equal(expected, DetachKeys.Parse(keys));

    [Theory]
    [InlineData("ctrl-")]
    [InlineData("ctrl-1")]
    [InlineData("ab")]
    public void DetachKeys_RejectBadSequences(string keys) =>
        Assert.Equal($"Invalid detach keys ({keys}) provided", Assert.Throws<CliError>(() => DetachKeys.Parse(keys)).Message);

    [Fact]
    public void EscapeMatcher_HoldsBackAPrefixAndReleasesItWhenBroken()
    {
        var matcher = new EscapeMatcher([16, 17]);
        Check("a"u8.ToArray(), false, matcher.Feed([(byte)'a', 16]));
        Check([16, (byte)'b'], false, matcher.Feed([(byte)'b']));
        Check([16], false, matcher.Feed([16, 16]));
        Check([], true, matcher.Feed([17, (byte)'z']));
    }

    private static void Check(byte[] forward, bool detach, (byte[] Forward, bool Detach) actual)
    {
        Assert.Equal(forward, actual.Forward);
        Assert.Equal(detach, actual.Detach);
    }

    private sealed class OneByteAtATime(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], token);
    }
}

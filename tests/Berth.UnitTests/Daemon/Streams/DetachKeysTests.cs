using Berth.Daemon.Api.Streams;
using Berth.Daemon.Errors;

namespace Berth.UnitTests.Daemon.Streams;

public sealed class DetachKeysTests
{
    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 16, 17 })]
    [InlineData("ctrl-@", new byte[] { 0 })]
    [InlineData("ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_", new byte[] { 27, 28, 29, 30, 31 })]
    [InlineData("a,b,ctrl-z", new byte[] { 97, 98, 26 })]
    [InlineData("DEL", new byte[] { 127 })]
    public void TryParse_KnownKeys(string keys, byte[] expected) => Assert.Equal(expected, DetachKeys.TryParse(keys, out _));

    [Theory]
    [InlineData("ctrl-P", "Unknown character: 'ctrl-P'")]
    [InlineData("ctrl-p,", "Unknown character: ''")]
    [InlineData(",", "Unknown character: ''")]
    [InlineData("ab", "Unknown character: 'ab'")]
    [InlineData("del", "Unknown character: 'del'")]
    public void TryParse_UnknownKeys(string keys, string problem)
    {
        Assert.Null(DetachKeys.TryParse(keys, out var why));
        Assert.Equal(problem, why);
    }

    [Fact]
    public void EmptyValue_MeansDockersDefault()
    {
        Assert.Equal(new byte[] { 16, 17 }, DetachKeys.ForAttach(""));
        Assert.Equal(new byte[] { 16, 17 }, DetachKeys.ForExec(null));
    }

    [Fact]
    public void InvalidKeys_AreRefusedWithDockerdsWords()
    {
        var attach = Assert.Throws<BadRequestError>(() => DetachKeys.ForAttach("ctrl-x,,"));
        Assert.Equal("Invalid detach keys (ctrl-x,,) provided", attach.Message);
        Assert.Equal(400, attach.StatusCode);
        var exec = Assert.Throws<InvalidEscapeKeysError>(() => DetachKeys.ForExec("nope"));
        Assert.Equal("Invalid escape keys (nope) provided", exec.Message);
    }
}

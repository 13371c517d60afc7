using Berth.Daemon.Events;

namespace Berth.UnitTests.Daemon.Events;

/// <summary>since/until as dockerd reads them: Unix seconds with an optional fraction, ParseInt's errors otherwise.</summary>
public sealed class EventTimeTests
{
    [Theory]
    [InlineData("1700000000", 1_700_000_000_000_000_000L)]
    [InlineData("1700000000.5", 1_700_000_000_500_000_000L)]
    [InlineData("1700000000.000000123", 1_700_000_000_000_000_100L)]
    [InlineData("-5", -5_000_000_000L)]
    public void Parse_ReadsUnixSeconds(string text, long nanos)
        => Assert.Equal(nanos / 100, (EventTime.Parse(text)!.Value - DateTimeOffset.UnixEpoch).Ticks);

    [Fact]
    public void Parse_EmptyMeansNoBound() => Assert.Null(EventTime.Parse(""));

    [Theory]
    [InlineData("abc", "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("2.x", "strconv.ParseInt: parsing \"x\": invalid syntax")]
    public void Parse_RefusesWhatDockerdRefuses(string text, string message)
    {
        var e = Assert.Throws<EventTimeError>(() => EventTime.Parse(text));
        Assert.Equal((500, message), (e.StatusCode, e.Message));
    }
}

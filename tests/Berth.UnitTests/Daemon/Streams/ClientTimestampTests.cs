using Berth.Daemon.Api.Streams;

namespace Berth.UnitTests.Daemon.Streams;

public sealed class ClientTimestampTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(2));

    [Theory]
    [InlineData("10m", "1795600200")]
    [InlineData("1h30m", "1795595400")]
    [InlineData("-1s", "1795600801")]
    [InlineData("1.5s", "1795600798")]
    [InlineData("2026-11-25", "1795557600.000000000")]
    [InlineData("2026-11-25Z", "1795564800.000000000")]
    [InlineData("2026-11-25T10:00:00Z", "1795600800.000000000")]
    [InlineData("2026-11-25T10:00:00.5+01:00", "1795597200.500000000")]
    [InlineData("2026-11-25T12", "1795600800.000000000")]
    [InlineData("2026-11-25T12:30", "1795602600.000000000")]
    [InlineData("0", "0")]
    [InlineData("1700000000.5", "1700000000.5")]
    public void Converts(string value, string expected) => Assert.Equal(expected, ClientTimestamp.TryConvert(value, Now, out _));

    [Theory]
    [InlineData("abc", "failed to parse value as time or duration: \"abc\"")]
    [InlineData("5q", "failed to parse value as time or duration: \"5q\"")]
    public void Refuses(string value, string error)
    {
        Assert.Null(ClientTimestamp.TryConvert(value, Now, out var why));
        Assert.Equal(error, why);
    }

    [Fact]
    public void BadDate_FailsAsATimestamp() => Assert.Null(ClientTimestamp.TryConvert("2026-13-01", Now, out _));

    [Theory]
    [InlineData("300ms", 3_000_000L)]
    [InlineData("1h", 36_000_000_000L)]
    [InlineData("-2m3.5s", -1_235_000_000L)]
    [InlineData("1\u00b5s", 10L)]
    [InlineData("0", 0L)]
    public void GoDuration_Parses(string text, long ticks) => Assert.Equal(TimeSpan.FromTicks(ticks), GoDuration.TryParse(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("1x")]
    [InlineData(".s")]
    [InlineData("1..2s")]
    [InlineData("3000000h")]
    public void GoDuration_Refuses(string text) => Assert.Null(GoDuration.TryParse(text));
}

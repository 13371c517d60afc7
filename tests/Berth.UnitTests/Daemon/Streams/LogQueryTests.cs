using Berth.Daemon.Api.Streams;
using Berth.Daemon.Errors;
using Microsoft.AspNetCore.Http;

namespace Berth.UnitTests.Daemon.Streams;

public sealed class LogQueryTests
{
    private static LogQuery Parse(string query) => LogQuery.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

    [Fact]
    public void Flags_AreReadAsDockersBoolValue()
    {
        var q = Parse("stdout=1&stderr=no&follow=true&timestamps=0&details=yes");
        Assert.Equal((true, false, true, false, true), (q.Stdout, q.Stderr, q.Follow, q.Timestamps, q.Details));
    }

    [Theory]
    [InlineData("")]
    [InlineData("stdout=0&stderr=false")]
    [InlineData("follow=1")]
    public void NoStream_IsRefused(string query)
    {
        var e = Assert.Throws<BadRequestError>(() => Parse(query));
        Assert.Equal("Bad parameters: you must choose at least one stream", e.Message);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("all", null)]
    [InlineData("abc", null)]
    [InlineData("-3", null)]
    [InlineData("0", 0)]
    [InlineData("5", 5)]
    [InlineData("+5", 5)]
    [InlineData(" 5", null)]
    [InlineData("99999999999999999999", null)]
    public void Tail_IsAtoiWithEverythingElseMeaningAll(string tail, int? expected) => Assert.Equal(expected, Parse($"stdout=1&tail={Uri.EscapeDataString(tail)}").TailLines);

    [Fact]
    public void Window_EmptyAndZeroUntil_MeanNoBound()
    {
        Assert.Equal((null, null), Parse("stdout=1").Window());
        Assert.Equal((null, null), Parse("stdout=1&until=0").Window());
        Assert.Equal(DateTime.UnixEpoch, Parse("stdout=1&since=0").Window().Since);
    }

    [Theory]
    [InlineData("1700000000", "2023-11-14T22:13:20.0000000Z")]
    [InlineData("1700000000.5", "2023-11-14T22:13:20.5000000Z")]
    [InlineData("1700000000.000000123", "2023-11-14T22:13:20.0000001Z")]
    [InlineData("1700000000.1234567891", "2023-11-14T22:13:20.1234567Z")]
    [InlineData("-5", "1969-12-31T23:59:55.0000000Z")]
    [InlineData("+10", "1970-01-01T00:00:10.0000000Z")]
    public void Window_ReadsUnixSecondsWithAFraction(string since, string expected)
        => Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.RoundtripKind), Parse($"stdout=1&since={Uri.EscapeDataString(since)}").Window().Since);

    [Theory]
    [InlineData("since=abc", "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("since=1.5x", "strconv.ParseInt: parsing \"5x\": invalid syntax")]
    [InlineData("since=1.", "strconv.ParseInt: parsing \"\": invalid syntax")]
    [InlineData("since=.5", "strconv.ParseInt: parsing \"\": invalid syntax")]
    [InlineData("since=2020-01-01T00:00:00Z", "strconv.ParseInt: parsing \"2020-01-01T00:00:00Z\": invalid syntax")]
    [InlineData("since=1e3", "strconv.ParseInt: parsing \"1e3\": invalid syntax")]
    [InlineData("since=%205", "strconv.ParseInt: parsing \" 5\": invalid syntax")]
    [InlineData("until=abc", "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("until=99999999999999999999", "strconv.ParseInt: parsing \"99999999999999999999\": value out of range")]
    public void Window_MalformedTimes_FailWithGosError(string query, string message)
    {
        var e = Assert.Throws<LogQueryError>(() => Parse("stdout=1&" + query).Window());
        Assert.Equal(message, e.Message);
        Assert.Equal(500, e.StatusCode);
    }
}

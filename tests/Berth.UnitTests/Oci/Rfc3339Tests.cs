using Berth.Oci.Image;

namespace Berth.UnitTests.Oci;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2024-09-26T21:31:42Z", 0L, 0)]
    [InlineData("2024-09-26T21:31:42.5Z", 5_000_000L, 0)]
    [InlineData("2024-09-26T21:31:42.123456789Z", 1_234_567L, 0)]
    [InlineData("2024-09-26T23:31:42.1+02:00", 1_000_000L, 2)]
    public void TryParse_TruncatesToTicks(string text, long ticks, int offsetHours)
    {
        Assert.True(Rfc3339.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromHours(offsetHours), value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 9, 26, 21, 31, 42, TimeSpan.Zero).AddTicks(ticks), value.ToUniversalTime());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-09-26")]
    [InlineData("2024-09-26 21:31:42Z")]
    [InlineData("2024-09-26T21:31:42")]
    public void TryParse_RefusesNonRfc3339(string text) => Assert.False(Rfc3339.TryParse(text, out _));

    [Theory]
    [InlineData("2024-09-26T21:31:42Z")]
    [InlineData("2024-09-26T21:31:42.5Z")]
    [InlineData("2024-09-26T21:31:42.1234567Z")]
    [InlineData("2024-09-26T21:31:42.12+01:00")]
    public void Format_IsGoRfc3339Nano(string text)
    {
        Assert.True(Rfc3339.TryParse(text, out var value));
        Assert.Equal(text, Rfc3339.Format(value));
    }
}

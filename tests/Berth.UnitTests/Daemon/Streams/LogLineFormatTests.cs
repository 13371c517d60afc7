using System.Text;
using Berth.Daemon.Api.Streams;

namespace Berth.UnitTests.Daemon.Streams;

public sealed class LogLineFormatTests
{
    private static readonly DateTime At = new DateTime(2026, 11, 25, 17, 23, 10, DateTimeKind.Utc).AddTicks(1234567);

    [Fact]
    public void Plain_IsTheLine() => Assert.Equal("out\n", Format(false, false, null));

    [Fact]
    public void Timestamps_PrefixNineFractionDigits() => Assert.Equal("2026-11-25T17:23:10.123456700Z out\n", Format(true, false, null));

    [Fact]
    public void WholeSecond_KeepsItsZeros()
        => Assert.Equal("2026-11-25T17:23:10.000000000Z", LogLineFormat.Timestamp(new DateTime(2026, 11, 25, 17, 23, 10, DateTimeKind.Utc)));

    [Fact]
    public void Details_AreSortedEscapedAttributes()
        => Assert.Equal("X=y%26z,a=b+c,z=%C3%A9%2F1 out\n", Format(false, true, [new("z", "é/1"), new("a", "b c"), new("X", "y&z")]));

    [Fact]
    public void Details_WithoutAttributes_LeaveALoneSpace() => Assert.Equal(" out\n", Format(false, true, []));

    [Fact]
    public void TimestampsAndDetails_TimestampFirst() => Assert.Equal("2026-11-25T17:23:10.123456700Z a=1 out\n", Format(true, true, [new("a", "1")]));

    [Fact]
    public void QueryEscape_KeepsGosUnreservedSet() => Assert.Equal("-_.~%21%2A%28%29+%3D", LogLineFormat.QueryEscape("-_.~!*() ="));

    private static string Format(bool timestamps, bool details, KeyValuePair<string, string>[]? attributes)
        => Encoding.UTF8.GetString(LogLineFormat.Format("out\n"u8, At, attributes, timestamps, details));
}

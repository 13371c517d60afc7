using System.Globalization;

namespace Berth.Monitor.Logs;

/// <summary>Go's time.RFC3339Nano in UTC, as dockerd writes log times: fraction with trailing zeros cut, none when zero.</summary>
public static class GoTime
{
    /// <summary>Formats t as Go's RFC3339Nano in UTC.</summary>
    public static string Rfc3339Nano(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        var seconds = utc.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        if (ticks == 0) return seconds + "Z";
        return seconds + "." + (ticks * 100).ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0') + "Z";
    }
}

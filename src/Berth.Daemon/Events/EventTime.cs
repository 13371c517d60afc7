using System.Globalization;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Events;

/// <summary>The since/until values of GET /events: Unix seconds with optional fraction ("1700000000.5"), as the CLI
/// sends them after converting durations and dates (dockerd's timetypes.ParseTimestamps).</summary>
public static class EventTime
{
    /// <summary>The instant, or null for an empty value; anything else is dockerd's 500 with Go's ParseInt message.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = value.Split('.', 2);
        var seconds = ParseInt(parts[0]);
        long nanos = 0;
        if (parts.Length == 2)
        {
            nanos = ParseInt(parts[1]);
            // A fraction of n digits counts 10^-n seconds; dockerd scales it to nanoseconds the same way.
            nanos = (long)(nanos * Math.Pow(10, 9 - parts[1].Length));
        }
        return DateTimeOffset.UnixEpoch.AddSeconds(seconds).AddTicks(nanos / 100);
    }

    private static long ParseInt(string text)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new EventTimeError($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
}

/// <summary>A since/until value dockerd cannot read: answered 500 with the parser's message.</summary>
public sealed class EventTimeError(string message) : BerthError(500, message);

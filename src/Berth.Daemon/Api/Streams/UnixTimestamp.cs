namespace Berth.Daemon.Api.Streams;

/// <summary>
/// Docker's timetypes.ParseTimestamps as dockerd applies it to since/until: "seconds[.fraction]" only (the client turns
/// durations and RFC 3339 dates into that before sending), each part read by Go's ParseInt, the fraction scaled to nanoseconds.
/// </summary>
public static class UnixTimestamp
{
    /// <summary>The instant (UTC, clamped to DateTime's range), or null with Go's error text for a malformed value.</summary>
    public static DateTime? TryParse(string value, out string? error)
    {
        var dot = value.IndexOf('.');
        var seconds = GoInteger.TryParse(dot < 0 ? value : value[..dot], out error);
        if (seconds == null) return null;
        long nanoseconds = 0;
        if (dot >= 0)
        {
            var fraction = value[(dot + 1)..];
            var parsed = GoInteger.TryParse(fraction, out error);
            if (parsed == null) return null;
            // Go scales through float64, so a fraction longer than 9 digits loses its tail the same way here.
            nanoseconds = (long)(parsed.Value * Math.Pow(10, 9 - fraction.Length));
        }
        return FromUnix(seconds.Value, nanoseconds);
    }

    /// <summary>Go's time.Unix(sec, nsec) as a UTC DateTime, clamped to the representable range.</summary>
    public static DateTime FromUnix(long seconds, long nanoseconds)
    {
        seconds += Math.DivRem(nanoseconds, 1_000_000_000L, out var rest);
        if (rest < 0) { seconds--; rest += 1_000_000_000L; }
        var maxSeconds = (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
        var minSeconds = (DateTime.MinValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond;
        if (seconds >= maxSeconds) return DateTime.MaxValue;
        if (seconds < minSeconds) return DateTime.MinValue;
        return DateTime.UnixEpoch.AddTicks(seconds * TimeSpan.TicksPerSecond + rest / 100);
    }
}

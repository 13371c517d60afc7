using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Daemon.Api.Streams;

/// <summary>
/// Docker's timetypes.GetTimestamp, the client side of since/until: a Go duration (relative to now), an RFC 3339 date or time
/// (local when it has no zone), or a unix timestamp already, turned into the "seconds[.nanoseconds]" text dockerd accepts.
/// </summary>
public static partial class ClientTimestamp
{
    /// <summary>The value to send, or null with an error for a value that is none of those.</summary>
    public static string? TryConvert(string value, DateTimeOffset now, out string? error)
    {
        error = null;
        if (value != "0" && GoDuration.TryParse(value) is { } ago)
            return (now - ago).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        // As Go's code decides: a zone is given by Z, z, + or a third dash; else the time is local (the reference's offset).
        var zoned = value.AsSpan().IndexOfAny("zZ+") >= 0 || value.Count(c => c == '-') == 3;
        var match = Rfc3339().Match(value);
        if (match.Success && (match.Groups["zone"].Success == zoned) && Build(match, now.Offset) is { } instant)
            return $"{instant.ToUnixTimeSeconds()}.{instant.Ticks % TimeSpan.TicksPerSecond * 100:D9}";
        if (value.Contains('-'))
        {
            error = $"parsing time {GoInteger.GoQuote(value)}: not an RFC 3339 date or time";
            return null;
        }
        if (UnixTimestamp.TryParse(value, out _) == null)
        {
            error = $"failed to parse value as time or duration: {GoInteger.GoQuote(value)}";
            return null;
        }
        return value;
    }

    private static DateTimeOffset? Build(Match m, TimeSpan localOffset)
    {
        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var zone = m.Groups["zone"];
        var offset = !zone.Success ? localOffset
            : zone.Value is "Z" or "z" ? TimeSpan.Zero
            : new TimeSpan(int.Parse(zone.Value[1..3], CultureInfo.InvariantCulture), int.Parse(zone.Value[4..6], CultureInfo.InvariantCulture), 0)
                * (zone.Value[0] == '-' ? -1 : 1);
        var (year, month, day, hour, minute, second) = (Part("y"), Part("mo"), Part("d"), Part("h"), Part("mi"), Part("s"));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
        var ticks = m.Groups["f"].Success ? long.Parse(m.Groups["f"].Value.PadRight(7, '0')[..7], CultureInfo.InvariantCulture) : 0;
        return new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
    }

    // The layouts Go's code picks among: date; date T hour[:minute[:second[.fraction]]]; each with an optional zone.
    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(T(?<h>\d{2})(:(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?)?)?(?<zone>[Zz]|[+-]\d{2}:\d{2})?$")]
    private static partial Regex Rfc3339();
}

namespace Berth.Cli.Output;

/// <summary>Decimal sizes and durations written the way the docker CLI writes them (its "units" conventions), so that
/// tables compare equal column by column.</summary>
public static class HumanUnits
{
    /// <summary>A size in powers of 1000 with three significant digits: 7.8MB, 4.26MB, 123kB (the SIZE columns).</summary>
    public static string Size(double bytes) => DecimalSize.Format(bytes, significant: 3);

    /// <summary>A size with four significant digits: 7.798MB (docker's units.HumanSize, as `system df` prints it).</summary>
    public static string PreciseSize(double bytes) => DecimalSize.Format(bytes, significant: 4);

    /// <summary>How long ago, as in the CREATED column: "Less than a second", "About a minute", "3 weeks".</summary>
    public static string Duration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        var minutes = (long)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        var hours = (long)Math.Round(d.TotalHours, MidpointRounding.AwayFromZero);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{(long)(d.TotalHours / 24 / 365)} years";
    }

    /// <summary>"N units ago" for a moment in the past, relative to now.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now) => Duration(now - then) + " ago";
}

using System.Globalization;

namespace Berth.Cli.Output;

/// <summary>Decimal sizes and durations written the way the docker CLI writes them (its "units" conventions), so that
/// tables compare equal column by column.</summary>
public static class HumanUnits
{
    private static readonly string[] DecimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

    /// <summary>A size in powers of 1000 with three significant digits: 7.8MB, 4.26MB, 123kB (the SIZE columns).</summary>
    public static string Size(double bytes) => Scaled(bytes, 1000, DecimalUnits, significant: 3);

    /// <summary>A size with four significant digits: 7.798MB (docker's units.HumanSize, as `system df` prints it).</summary>
    public static string PreciseSize(double bytes) => Scaled(bytes, 1000, DecimalUnits, significant: 4);

    private static string Scaled(double bytes, double @base, string[] units, int significant)
    {
        var (value, unit) = Scale(bytes, @base, units);
        return FormatSignificant(value, significant) + unit;
    }

    private static (double Value, string Unit) Scale(double bytes, double @base, string[] units)
    {
        var i = 0;
        while (bytes >= @base && i < units.Length - 1)
        {
            bytes /= @base;
            i++;
        }
        return (bytes, units[i]);
    }

    // Go's %.3g: three significant digits, trailing zeros dropped, no exponent for the values sizes take.
    private static string FormatSignificant(double value, int digits)
    {
        if (value == 0) return "0";
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        var decimals = Math.Max(0, digits - magnitude);
        var rounded = Math.Round(value, decimals, MidpointRounding.ToEven);
        return rounded.ToString("0." + new string('#', Math.Max(decimals, 0)), CultureInfo.InvariantCulture);
    }

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

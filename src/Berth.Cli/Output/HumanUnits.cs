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
    public static string Duration(TimeSpan d) => HumanDuration.Format(d);

    /// <summary>"N units ago" for a moment in the past, relative to now.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now) => Duration(now - then) + " ago";
}

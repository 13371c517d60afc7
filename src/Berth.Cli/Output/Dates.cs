using System.Globalization;

namespace Berth.Cli.Output;

/// <summary>Dates as the docker CLI prints them.</summary>
public static class Dates
{
    /// <summary>An RFC 3339 time in Go's ANSIC layout ("Mon Jan _2 15:04:05 2006"), local time; other text is returned unchanged.</summary>
    public static string Ansic(string text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return text;
        var local = time.ToLocalTime();
        return local.ToString("ddd MMM ", CultureInfo.InvariantCulture) + local.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
               + local.ToString(" HH:mm:ss yyyy", CultureInfo.InvariantCulture);
    }
}

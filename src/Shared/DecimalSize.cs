using System.Globalization;

namespace Berth;

/// <summary>Byte counts in powers of 1000 the way Docker's "units" package writes them (Go's %.Ng plus a unit);
/// shared by berth's tables and by the progress text both berth and berthd write.</summary>
internal static class DecimalSize
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

    /// <summary>bytes with the given number of significant digits: 3 gives "4.26MB" (SIZE columns), 4 "3.011MB" (progress).</summary>
    public static string Format(double bytes, int significant)
    {
        var i = 0;
        while (bytes >= 1000 && i < Units.Length - 1)
        {
            bytes /= 1000;
            i++;
        }
        return Significant(bytes, significant) + Units[i];
    }

    // Go's %.Ng: N significant digits, trailing zeros dropped, no exponent for the values sizes take.
    private static string Significant(double value, int digits)
    {
        if (value == 0) return "0";
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value))) + 1;
        var decimals = Math.Max(0, digits - magnitude);
        var rounded = Math.Round(value, decimals, MidpointRounding.ToEven);
        return rounded.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}

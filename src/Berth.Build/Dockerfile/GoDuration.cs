using System.Globalization;

namespace Berth.Build.Dockerfile;

/// <summary>Go's time.ParseDuration ("1m30s", "0.5s", "100ms"), in nanoseconds, as HEALTHCHECK's options take it.</summary>
public static class GoDuration
{
    private static readonly (string Unit, double Nanoseconds)[] Units =
        [("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9)];

    /// <summary>The duration in nanoseconds, or null when text is not a Go duration.</summary>
    public static long? TryParse(string text)
    {
        var s = text;
        var sign = 1;
        if (s.StartsWith('-') || s.StartsWith('+')) { sign = s[0] == '-' ? -1 : 1; s = s[1..]; }
        if (s == "0") return 0;
        if (s.Length == 0) return null;
        double total = 0;
        while (s.Length > 0)
        {
            var n = 0;
            while (n < s.Length && (char.IsAsciiDigit(s[n]) || s[n] == '.')) n++;
            if (n == 0 || !double.TryParse(s[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
            s = s[n..];
            var unit = Units.Where(u => s.StartsWith(u.Unit, StringComparison.Ordinal)).OrderByDescending(u => u.Unit.Length).FirstOrDefault();
            if (unit.Unit is null) return null;
            total += value * unit.Nanoseconds;
            s = s[unit.Unit.Length..];
        }
        return sign * (long)Math.Round(total);
    }
}

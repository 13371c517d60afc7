namespace Berth.Daemon.Api.Streams;

/// <summary>Go's time.ParseDuration ("1h30m", "-1.5s", "300ms", "0"): the grammar Docker's clients use for relative times.</summary>
public static class GoDuration
{
    private static readonly (string Unit, decimal Nanoseconds)[] Units =
    [
        ("ns", 1m), ("us", 1_000m), ("\u00b5s", 1_000m), ("\u03bcs", 1_000m), ("ms", 1_000_000m), ("s", 1_000_000_000m),
        ("m", 60_000_000_000m), ("h", 3_600_000_000_000m),
    ];

    /// <summary>The duration, or null when the text is not one (or overflows Go's int64 nanoseconds).</summary>
    public static TimeSpan? TryParse(string text)
    {
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-') { negative = s[0] == '-'; s = s[1..]; }
        if (s is "0") return TimeSpan.Zero;
        if (s.IsEmpty) return null;
        decimal total = 0;
        while (!s.IsEmpty)
        {
            var digits = s.IndexOfAnyExcept("0123456789.");
            if (digits <= 0) return null;
            var number = s[..digits];
            if (number.Count('.') > 1 || number is ".") return null;
            var value = decimal.Parse(number.StartsWith(".") ? "0" + number.ToString() : number.EndsWith(".") ? number.ToString() + "0" : number.ToString(),
                System.Globalization.CultureInfo.InvariantCulture);
            s = s[digits..];
            var unitEnd = s.IndexOfAny("0123456789.");
            var unit = unitEnd < 0 ? s : s[..unitEnd];
            var scale = 0m;
            foreach (var (name, size) in Units)
                if (unit.SequenceEqual(name)) scale = size;
            if (scale == 0) return null;
            total += value * scale;
            if (total > long.MaxValue) return null;
            s = s[unit.Length..];
        }
        var nanoseconds = (long)total;
        return TimeSpan.FromTicks((negative ? -nanoseconds : nanoseconds) / 100);
    }
}

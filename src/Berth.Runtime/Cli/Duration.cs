using System.Globalization;
using System.Text.RegularExpressions;

namespace Berth.Runtime.Cli;

/// <summary>Go-style durations as runc's flags take them: "5s", "250ms", "1m30s".</summary>
internal static partial class Duration
{
    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(h|m|s|ms|us|µs|ns)")]
    private static partial Regex Part();

    /// <summary>Parses a positive duration.</summary>
    internal static TimeSpan Parse(string text)
    {
        var rest = text;
        var total = TimeSpan.Zero;
        if (rest.Length == 0) throw new RuntimeException($"invalid duration \"{text}\"");
        while (rest.Length > 0)
        {
            var m = Part().Match(rest);
            if (!m.Success) throw new RuntimeException($"invalid duration \"{text}\"");
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value), "m" => TimeSpan.FromMinutes(value), "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value), "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
            rest = rest[m.Length..];
        }
        if (total <= TimeSpan.Zero) throw new RuntimeException($"duration must be greater than 0: \"{text}\"");
        return total;
    }
}

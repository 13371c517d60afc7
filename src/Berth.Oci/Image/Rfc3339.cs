using System.Globalization;

namespace Berth.Oci.Image;

/// <summary>Go's RFC 3339 timestamps as Docker writes them (time.RFC3339Nano: up to nine fraction digits, trailing
/// zeros dropped, "Z" for UTC).</summary>
public static class Rfc3339
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>Parses an RFC 3339 timestamp; digits past the seventh of the fraction (below .NET's 100 ns tick) are
    /// dropped, which is why image types keep the original string alongside.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || text.Length < 20) return false;
        var trimmed = text;
        if (text[19] == '.')
        {
            var end = 20;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - 20 > 7) trimmed = string.Concat(text.AsSpan(0, 27), text.AsSpan(end));
        }
        return DateTimeOffset.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>Formats as Go's RFC3339Nano does, so that timestamps Berth writes read back as Docker's would.</summary>
    public static string Format(DateTimeOffset value)
    {
        var text = value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = value.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0) text += "." + ticks.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return text + (value.Offset == TimeSpan.Zero ? "Z" : value.ToString("zzz", CultureInfo.InvariantCulture));
    }
}

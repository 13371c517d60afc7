namespace Berth.Runtime.Cli;

/// <summary>Parses sizes like 64m, 1g, 512k or plain bytes (binary units, as docker and runc read them).</summary>
internal static class ByteSize
{
    /// <summary>The number of bytes; "-1" means unlimited.</summary>
    internal static long Parse(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s == "-1") return -1;
        if (s.EndsWith('b')) s = s[..^1];
        long multiplier = 1;
        if (s.Length > 0 && char.IsLetter(s[^1]))
        {
            multiplier = s[^1] switch
            {
                'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, 't' => 1L << 40, 'p' => 1L << 50,
                _ => throw new RuntimeException($"invalid size: '{text}'"),
            };
            s = s[..^1];
        }
        if (!double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 0)
            throw new RuntimeException($"invalid size: '{text}'");
        return (long)(value * multiplier);
    }
}

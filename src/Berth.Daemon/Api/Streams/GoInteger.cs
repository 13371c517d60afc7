namespace Berth.Daemon.Api.Streams;

/// <summary>Go's strconv.ParseInt(s, 10, 64) and Atoi, with their error texts, for query values dockerd parses with them.</summary>
internal static class GoInteger
{
    /// <summary>The value, or null with Go's error ("strconv.ParseInt: parsing \"x\": invalid syntax" or "...: value out of range").</summary>
    public static long? TryParse(string text, out string? error, string function = "ParseInt")
    {
        error = null;
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        if (digits.Length == 0 || digits.IndexOfAnyExcept("0123456789") >= 0)
        {
            error = $"strconv.{function}: parsing {GoQuote(text)}: invalid syntax";
            return null;
        }
        if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, null, out var value))
        {
            error = $"strconv.{function}: parsing {GoQuote(text)}: value out of range";
            return null;
        }
        return value;
    }

    /// <summary>Go's %q of a string, for the ASCII texts that reach these messages (others are escaped as \u).</summary>
    public static string GoQuote(string text)
    {
        var quoted = new System.Text.StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                < ' ' or '\x7f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }
}

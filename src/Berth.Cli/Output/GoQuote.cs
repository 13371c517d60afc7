using System.Globalization;
using System.Text;

namespace Berth.Cli.Output;

/// <summary>Go's strconv.Quote (the quoting of the ps COMMAND column) and the formatter's Ellipsis.</summary>
public static class GoQuote
{
    /// <summary>A double-quoted Go string literal: \" \\ and control characters escaped, printable Unicode kept.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    var category = Rune.GetUnicodeCategory(rune);
                    if (rune.Value < 0x20 || rune.Value == 0x7f) sb.Append($"\\x{rune.Value:x2}");
                    else if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned
                             or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse)
                        sb.Append(rune.Value > 0xffff ? $"\\U{rune.Value:x8}" : $"\\u{rune.Value:x4}");
                    else sb.Append(rune.ToString());
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Cuts text to at most width characters, the last one "…", when it is longer.</summary>
    public static string Ellipsis(string text, int width)
    {
        var runes = text.EnumerateRunes().ToList();
        if (runes.Count <= width) return text;
        if (width <= 1) return "…";
        return string.Concat(runes.Take(width - 1).Select(r => r.ToString())) + "…";
    }
}

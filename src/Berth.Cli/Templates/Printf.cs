using System.Globalization;
using System.Text;

namespace Berth.Cli.Templates;

/// <summary>The part of Go's fmt.Sprintf that templates use: %s %v %d %q %t %f %x %% with flags, width and precision.</summary>
internal static class Printf
{
    /// <summary>Formats args by format.</summary>
    internal static string Format(string format, object?[] args)
    {
        var sb = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%') { sb.Append(c); continue; }
            if (++i >= format.Length) { sb.Append("%!(NOVERB)"); break; }
            var leftAlign = false;
            var zeroPad = false;
            for (; i < format.Length && format[i] is '-' or '0' or '+' or ' ' or '#'; i++)
            {
                if (format[i] == '-') leftAlign = true;
                if (format[i] == '0') zeroPad = true;
            }
            var width = ReadNumber(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
            }
            if (i >= format.Length) { sb.Append("%!(NOVERB)"); break; }
            var verb = format[i];
            if (verb == '%') { sb.Append('%'); continue; }
            if (next >= args.Length) { sb.Append("%!").Append(verb).Append("(MISSING)"); continue; }
            var text = Verb(verb, Values.Normalize(args[next++]), precision);
            if (width is { } w && text.Length < w)
            {
                var pad = new string(zeroPad && !leftAlign ? '0' : ' ', w - text.Length);
                text = leftAlign ? text + pad : pad + text;
            }
            sb.Append(text);
        }
        if (next < args.Length)
            sb.Append("%!(EXTRA ").Append(string.Join(", ", args[next..].Select(a => Values.ToText(a)))).Append(')');
        return sb.ToString();
    }

    private static int? ReadNumber(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i > start ? int.Parse(s[start..i], CultureInfo.InvariantCulture) : null;
    }

    private static string Verb(char verb, object? value, int? precision)
    {
        switch (verb)
        {
            case 's' or 'v':
                var text = Values.ToText(value);
                return verb == 's' && precision is { } p && text.Length > p ? text[..p] : text;
            case 'q': return Values.ToJson(Values.ToText(value));
            case 'd' when value is long or int: return Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            case 'd' when value is double d && d == Math.Floor(d): return ((long)d).ToString(CultureInfo.InvariantCulture);
            case 'f' when value is long or int or double:
                return Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("F" + (precision ?? 6), CultureInfo.InvariantCulture);
            case 'x' when value is long or int: return Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture);
            case 'x' when value is string s: return Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s));
            case 't' when value is bool b: return b ? "true" : "false";
            default: return $"%!{verb}({Values.ToText(value)})";
        }
    }
}

using System.Globalization;
using System.Numerics;

namespace Berth.Cli.Commands.Containers;

/// <summary>Go's parsers that docker's flags go through (strconv, time.ParseDuration, go-units RAMInBytes, big.Rat),
/// with their error texts; each failure is a FormatException carrying Go's message.</summary>
public static class GoValues
{
    /// <summary>strconv.ParseInt(s, 0, bits): base prefixes 0x, 0o, 0b and a leading 0 for octal, underscores between digits.</summary>
    public static long ParseInt(string s, int bits = 64)
    {
        var negative = s.StartsWith('-');
        var magnitude = ParseUnsignedBase0(s.Length > 0 && (s[0] == '-' || s[0] == '+') ? s[1..] : s, "ParseInt", s);
        var limit = BigInteger.One << (bits - 1);
        var value = negative ? -magnitude : magnitude;
        if (value >= limit || value < -limit) throw new FormatException($"strconv.ParseInt: parsing \"{s}\": value out of range");
        return (long)value;
    }

    /// <summary>strconv.ParseUint(s, 0, bits).</summary>
    public static ulong ParseUint(string s, int bits)
    {
        var value = ParseUnsignedBase0(s, "ParseUint", s);
        if (value >= BigInteger.One << bits) throw new FormatException($"strconv.ParseUint: parsing \"{s}\": value out of range");
        return (ulong)value;
    }

    /// <summary>strconv.ParseInt(s, 10, 64), which the ulimit parser uses.</summary>
    public static long ParseDecimal(string s)
    {
        var digits = s.Length > 0 && (s[0] == '-' || s[0] == '+') ? s[1..] : s;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) throw new FormatException($"strconv.ParseInt: parsing \"{s}\": invalid syntax");
        if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"strconv.ParseInt: parsing \"{s}\": value out of range");
        return value;
    }

    private static BigInteger ParseUnsignedBase0(string digits, string function, string original)
    {
        var syntax = new FormatException($"strconv.{function}: parsing \"{original}\": invalid syntax");
        var radix = 10;
        var lower = digits.ToLowerInvariant();
        if (lower.StartsWith("0x", StringComparison.Ordinal)) { radix = 16; digits = digits[2..]; }
        else if (lower.StartsWith("0o", StringComparison.Ordinal)) { radix = 8; digits = digits[2..]; }
        else if (lower.StartsWith("0b", StringComparison.Ordinal)) { radix = 2; digits = digits[2..]; }
        else if (digits.Length > 1 && digits[0] == '0') { radix = 8; digits = digits[1..]; }
        // Go allows '_' only between digits or after a base prefix, and only when the base is implied.
        var prefixed = radix != 10 && digits.Length != lower.Length;
        if (digits.Length == 0) throw syntax;
        BigInteger value = 0;
        var previousUnderscore = !prefixed;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = char.ToLowerInvariant(digits[i]);
            if (c == '_')
            {
                if (previousUnderscore) throw syntax;
                previousUnderscore = true;
                continue;
            }
            previousUnderscore = false;
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : 99;
            if (digit >= radix) throw syntax;
            value = value * radix + digit;
        }
        if (previousUnderscore) throw syntax;
        return value;
    }

    private static readonly (string Unit, long Nanos)[] DurationUnits =
        [("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000)];

    /// <summary>time.ParseDuration, in nanoseconds: "1h2m3.5s", "500ms", "0"; a number needs a unit.</summary>
    public static long ParseDuration(string s)
    {
        var invalid = new FormatException($"time: invalid duration \"{s}\"");
        var rest = s;
        var negative = false;
        if (rest.Length > 0 && (rest[0] == '-' || rest[0] == '+')) { negative = rest[0] == '-'; rest = rest[1..]; }
        if (rest == "0") return 0;
        if (rest.Length == 0) throw invalid;
        decimal total = 0;
        while (rest.Length > 0)
        {
            var end = 0;
            while (end < rest.Length && (char.IsAsciiDigit(rest[end]) || rest[end] == '.')) end++;
            var number = rest[..end];
            if (number.Length == 0 || number == "." || number.Count(c => c == '.') > 1) throw invalid;
            rest = rest[end..];
            var unitEnd = 0;
            while (unitEnd < rest.Length && !char.IsAsciiDigit(rest[unitEnd]) && rest[unitEnd] != '.') unitEnd++;
            var unit = rest[..unitEnd];
            rest = rest[unitEnd..];
            if (unit.Length == 0) throw new FormatException($"time: missing unit in duration \"{s}\"");
            var match = DurationUnits.FirstOrDefault(u => u.Unit == unit);
            if (match.Unit == null) throw new FormatException($"time: unknown unit \"{unit}\" in duration \"{s}\"");
            total += decimal.Parse(number.EndsWith('.') ? number + "0" : number.StartsWith('.') ? "0" + number : number, CultureInfo.InvariantCulture) * match.Nanos;
            if (total > long.MaxValue) throw invalid;
        }
        var nanos = (long)decimal.Truncate(total);
        return negative ? -nanos : nanos;
    }

    /// <summary>go-units RAMInBytes: a number, an optional space, then b, or k/m/g/t/p (powers of 1024) with an optional "b" or "ib", any case.</summary>
    public static long RamInBytes(string s)
    {
        var sep = s.LastIndexOfAny("01234567890. ".ToCharArray());
        if (sep == -1) throw new FormatException($"invalid size: '{s}'");
        var number = s[sep] == ' ' ? s[..sep] : s[..(sep + 1)];
        var suffix = s[(sep + 1)..];
        var size = ParseFloat(number);
        if (size < 0) throw new FormatException($"invalid size: '{s}'");
        if (suffix.Length == 0) return (long)size;
        var badSuffix = new FormatException($"invalid suffix: '{suffix.ToLowerInvariant()}'");
        if (suffix.Length > 3) throw new FormatException($"invalid suffix: '{suffix}'");
        suffix = suffix.ToLowerInvariant();
        if (suffix[0] == 'b') return suffix.Length == 1 ? (long)size : throw badSuffix;
        var power = "kmgtp".IndexOf(suffix[0]);
        if (power < 0) throw badSuffix;
        if ((suffix.Length == 2 && suffix[1] != 'b') || (suffix.Length == 3 && suffix[1..] != "ib")) throw badSuffix;
        return (long)(size * Math.Pow(1024, power + 1));
    }

    /// <summary>strconv.ParseFloat(s, 64) for the decimal forms a size is written in.</summary>
    public static double ParseFloat(string s)
    {
        var plain = s.Length > 0 && s.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-') && s.Any(char.IsAsciiDigit);
        if (!plain || !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"strconv.ParseFloat: parsing \"{s}\": invalid syntax");
        return value;
    }

    /// <summary>docker's NanoCPUs flag: big.Rat's SetString ("1.5", "3/2", "1e-1") times 10⁹, which must be whole.</summary>
    public static long NanoCpus(string s)
    {
        if (!TryParseRational(s, out var numerator, out var denominator)) throw new FormatException($"failed to parse {s} as a rational number");
        var scaled = numerator * 1_000_000_000;
        if (scaled % denominator != 0) throw new FormatException("value is too precise");
        return (long)(scaled / denominator);
    }

    private static bool TryParseRational(string s, out BigInteger numerator, out BigInteger denominator)
    {
        numerator = 0;
        denominator = 1;
        var slash = s.IndexOf('/');
        if (slash >= 0)
        {
            if (!BigInteger.TryParse(s[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numerator)) return false;
            if (!BigInteger.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out denominator) || denominator.IsZero) return false;
            return true;
        }
        var body = s;
        var exponent = 0;
        var e = body.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return false;
            body = body[..e];
        }
        var negative = body.StartsWith('-');
        if (body.Length > 0 && (body[0] == '-' || body[0] == '+')) body = body[1..];
        var dot = body.IndexOf('.');
        var digits = dot >= 0 ? body[..dot] + body[(dot + 1)..] : body;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return false;
        if (dot >= 0) exponent -= body.Length - dot - 1;
        numerator = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (negative) numerator = -numerator;
        if (exponent >= 0) numerator *= BigInteger.Pow(10, exponent);
        else denominator = BigInteger.Pow(10, -exponent);
        return true;
    }
}

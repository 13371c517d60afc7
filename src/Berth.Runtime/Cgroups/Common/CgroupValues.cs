using System.Globalization;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>Parsers for the value formats cgroupfs files use: numbers with "max", keyed lines, CPU and memory-node lists.</summary>
internal static class CgroupValues
{
    /// <summary>Parses a number; "max" is ulong.MaxValue and a negative number is 0, as runc reports them.</summary>
    public static ulong ParseUInt64(string text, string source)
    {
        text = text.Trim();
        if (text == "max")
            return ulong.MaxValue;
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
            return value;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long signed) && signed < 0)
            return 0;
        throw new RuntimeException($"cannot parse \"{text}\" in {source} as a number");
    }

    /// <summary>Parses "key value" lines; lines that are not exactly two fields are refused.</summary>
    public static Dictionary<string, ulong> ParseKeyedValues(string text, string source)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
                throw new RuntimeException($"malformed line \"{line}\" in {source}");
            values[fields[0]] = ParseUInt64(fields[1], source);
        }
        return values;
    }

    /// <summary>Parses a list like "0-3,5,7-8" into its members, as cpuset.cpus and cpuset.mems hold them.</summary>
    public static List<ushort> ParseList(string text, string source)
    {
        var members = new List<ushort>();
        foreach (var part in text.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-');
            if (dash < 0)
            {
                members.Add(ParseMember(part, source));
                continue;
            }
            ushort first = ParseMember(part[..dash], source), last = ParseMember(part[(dash + 1)..], source);
            if (last < first)
                throw new RuntimeException($"malformed range \"{part}\" in {source}");
            for (int member = first; member <= last; member++)
                members.Add((ushort)member);
        }
        return members;
    }

    /// <summary>Whether a cpuset list ("0-3,5") is well formed; an empty list is allowed.</summary>
    public static bool IsValidList(string text)
    {
        try
        {
            ParseList(text, "list");
            return true;
        }
        catch (RuntimeException)
        {
            return false;
        }
    }

    private static ushort ParseMember(string text, string source)
        => ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort value)
            ? value
            : throw new RuntimeException($"malformed list member \"{text}\" in {source}");
}

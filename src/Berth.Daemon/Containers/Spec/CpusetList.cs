namespace Berth.Daemon.Containers.Spec;

/// <summary>A cpuset list ("0-2,4") parsed as Docker's parsers.ParseUintList does.</summary>
internal static class CpusetList
{
    /// <summary>The set's members, or null when the text is not a valid list.</summary>
    public static SortedSet<int>? Parse(string text)
    {
        if (text.Length == 0) return null;
        var set = new SortedSet<int>();
        foreach (var part in text.Split(','))
        {
            var range = part.Split('-');
            if (range.Length == 1 && Num(range[0]) is { } one) set.Add(one);
            else if (range.Length == 2 && Num(range[0]) is { } lo && Num(range[1]) is { } hi && lo <= hi)
                for (var i = lo; i <= hi; i++) set.Add(i);
            else return null;
        }
        return set;
    }

    private static int? Num(string s)
        => s.Length > 0 && s.All(char.IsAsciiDigit) && int.TryParse(s, out var n) && n <= 8192 ? n : null;
}

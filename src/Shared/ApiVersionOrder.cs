namespace Berth;

/// <summary>Engine API versions ("1.41") ordered as Docker orders them, number by number; shared by berth and berthd.</summary>
internal static class ApiVersionOrder
{
    /// <summary>Negative, zero or positive as a is older, equal or newer than b; missing parts count as 0.</summary>
    public static int Compare(string a, string b)
    {
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            var x = i < pa.Length && int.TryParse(pa[i], out var v) ? v : 0;
            var y = i < pb.Length && int.TryParse(pb[i], out var w) ? w : 0;
            if (x != y) return x.CompareTo(y);
        }
        return 0;
    }
}

namespace Berth.Cli.Connection;

/// <summary>API version negotiation as the docker CLI does it: the lower of the server's Api-Version and the client's maximum.</summary>
public static class ApiVersions
{
    /// <summary>The newest API version this client speaks.</summary>
    public const string ClientMaximum = "1.47";

    /// <summary>What docker assumes when a server sends no Api-Version header.</summary>
    public const string Fallback = "1.24";

    /// <summary>The version to put in request paths.</summary>
    public static string Negotiate(string? serverVersion)
    {
        if (string.IsNullOrWhiteSpace(serverVersion)) return Fallback;
        return Compare(serverVersion.Trim(), ClientMaximum) < 0 ? serverVersion.Trim() : ClientMaximum;
    }

    /// <summary>Orders versions number by number ("1.9" &lt; "1.41").</summary>
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

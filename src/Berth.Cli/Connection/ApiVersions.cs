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
    public static int Compare(string a, string b) => ApiVersionOrder.Compare(a, b);
}

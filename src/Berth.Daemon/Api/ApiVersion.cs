namespace Berth.Daemon.Api;

/// <summary>Engine API versions ("1.41"), compared the way Docker compares them: number by number.</summary>
public static class ApiVersion
{
    /// <summary>The oldest API version berthd serves.</summary>
    public const string Minimum = "1.41";
    /// <summary>The newest (and default) API version berthd serves.</summary>
    public const string Maximum = "1.47";

    /// <summary>Negative, zero or positive as a is older, equal or newer than b; missing parts count as 0.</summary>
    public static int Compare(string a, string b) => ApiVersionOrder.Compare(a, b);

    /// <summary>Splits "/v1.41/info" into "1.41" and "/info"; null when the path has no version prefix (Docker's /v{version:[0-9.]+}).</summary>
    public static (string Version, string Remainder)? SplitPrefix(string path)
    {
        if (path.Length < 3 || path[0] != '/' || path[1] != 'v') return null;
        var end = 2;
        while (end < path.Length && (char.IsAsciiDigit(path[end]) || path[end] == '.')) end++;
        if (end == 2) return null;
        if (end < path.Length && path[end] != '/') return null;
        var rest = end < path.Length ? path[end..] : "/";
        return (path[2..end], rest);
    }

    /// <summary>Null when the version is served, else Docker's message for a client that is too old or too new.</summary>
    public static string? Check(string version)
    {
        if (Compare(version, Minimum) < 0)
            return $"client version {version} is too old. Minimum supported API version is {Minimum}, please upgrade your client to a newer version";
        if (Compare(version, Maximum) > 0)
            return $"client version {version} is too new. Maximum supported API version is {Maximum}";
        return null;
    }
}

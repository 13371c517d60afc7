namespace Berth.Daemon.Api;

/// <summary>Boolean query parameters read the way dockerd reads them.</summary>
public static class QueryFlags
{
    /// <summary>Docker's BoolValue: "", "0", "no", "false" and "none" (any case, trimmed) are false, anything else true.</summary>
    public static bool IsTrue(string? value) => (value ?? "").Trim().ToLowerInvariant() is not ("" or "0" or "no" or "false" or "none");
}

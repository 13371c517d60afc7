namespace Berth.Daemon.Api;

/// <summary>Per-request facts the API pipeline establishes for handlers.</summary>
public static class ApiContext
{
    private const string VersionKey = "berth.api-version";

    /// <summary>The API version the client asked for (the maximum when the path had no prefix).</summary>
    public static string ApiVersionOf(HttpContext context)
        => context.Items.TryGetValue(VersionKey, out var v) && v is string s ? s : ApiVersion.Maximum;

    /// <summary>Records the request's API version.</summary>
    public static void SetApiVersion(HttpContext context, string version) => context.Items[VersionKey] = version;
}

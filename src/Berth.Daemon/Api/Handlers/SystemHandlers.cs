using System.Text.Json;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Machine;

namespace Berth.Daemon.Api.Handlers;

/// <summary>GET|HEAD /_ping and GET /version: what clients ask before anything else.</summary>
public static class SystemHandlers
{
    /// <summary>Registers the routes.</summary>
    public static Router MapSystem(this Router router)
        => router.Map("GET", "/_ping", PingAsync).Map("HEAD", "/_ping", PingAsync).Map("GET", "/version", VersionAsync);

    private static Task PingAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var headers = context.Response.Headers;
        headers["Docker-Experimental"] = "false";
        headers["Swarm"] = "inactive";
        headers["Cache-Control"] = "no-cache, no-store, must-revalidate";
        headers["Pragma"] = "no-cache";
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentLength = 0;
            return Task.CompletedTask;
        }
        context.Response.ContentLength = 2;
        return context.Response.Body.WriteAsync("OK"u8.ToArray(), context.RequestAborted).AsTask();
    }

    /// <summary>The /version body (also what the unit tests check the shape of).</summary>
    public static VersionResponse Version()
    {
        var kernel = HostFacts.KernelVersion;
        return new VersionResponse
        {
            Platform = new PlatformInfo { Name = "Berth Engine" },
            Components =
            [
                new ComponentVersion
                {
                    Name = "Engine",
                    Version = BuildInfo.Version,
                    Details = new Dictionary<string, string>
                    {
                        ["ApiVersion"] = ApiVersion.Maximum, ["MinAPIVersion"] = ApiVersion.Minimum, ["GitCommit"] = BuildInfo.GitCommit,
                        ["GoVersion"] = BuildInfo.RuntimeVersion, ["Os"] = "linux", ["Arch"] = HostFacts.GoArch,
                        ["KernelVersion"] = kernel, ["Experimental"] = "false", ["BuildTime"] = BuildInfo.BuildTime,
                    },
                },
            ],
            Version = BuildInfo.Version,
            ApiVersion = ApiVersion.Maximum,
            MinAPIVersion = ApiVersion.Minimum,
            GitCommit = BuildInfo.GitCommit,
            GoVersion = BuildInfo.RuntimeVersion,
            Os = "linux",
            Arch = HostFacts.GoArch,
            KernelVersion = kernel,
            BuildTime = BuildInfo.BuildTime,
        };
    }

    private static Task VersionAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
        => WriteJsonAsync(context, Version(), ApiJsonContext.Api.VersionResponse);

    /// <summary>Writes a 200 JSON body with Docker's content type.</summary>
    internal static Task WriteJsonAsync<T>(HttpContext context, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}

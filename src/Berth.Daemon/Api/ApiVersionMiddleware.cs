using Berth.Daemon.Errors;

namespace Berth.Daemon.Api;

/// <summary>Stamps Docker's identifying headers on every response and strips and checks the /vX.Y path prefix.</summary>
public sealed class ApiVersionMiddleware(RequestDelegate next)
{
    /// <summary>Runs the middleware.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        // Set before anything is written so that errors, 404s and 501s carry them too (the CLI reads Api-Version from any reply).
        headers["Api-Version"] = ApiVersion.Maximum;
        headers["Server"] = $"Berth/{BuildInfo.Version} (linux)";
        headers["Ostype"] = "linux";
        if (ApiVersion.SplitPrefix(context.Request.Path.Value ?? "/") is var (version, rest))
        {
            if (ApiVersion.Check(version) is { } problem) throw new BadRequestError(problem);
            ApiContext.SetApiVersion(context, version);
            context.Request.PathBase = context.Request.PathBase.Add("/v" + version);
            context.Request.Path = rest;
        }
        return next(context);
    }
}

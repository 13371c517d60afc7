using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Containers.Exec;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The exec endpoints that are not streams: create and inspect.</summary>
public sealed class ExecHandlers(ExecService execs)
{
    /// <summary>Registers the routes.</summary>
    public void Map(Router router) => router
        .Map("POST", "/containers/{id}/exec", CreateAsync)
        .Map("GET", "/exec/{id}/json", (c, p) => SystemHandlers.WriteJsonAsync(c, execs.Get(p["id"]).Inspect(), ApiJsonContext.Api.ExecInspect));

    private async Task CreateAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var request = await RequestJson.ReadAsync(context, ApiJsonContext.Api.ExecCreateRequest)
            ?? throw new BadRequestError("No exec command specified");
        var session = execs.Create(p["id"], request);
        context.Response.StatusCode = 201;
        await SystemHandlers.WriteJsonAsync(context, new IdResponse { Id = session.Id }, ApiJsonContext.Api.IdResponse);
    }
}

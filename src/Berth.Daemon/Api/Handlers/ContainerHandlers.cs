using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Containers.Exec;
using Berth.Daemon.Containers.Health;
using Berth.Daemon.Containers.Lifecycle;
using Berth.Daemon.Errors;
using Berth.Storage.Images;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The container lifecycle endpoints: create, list, inspect, start, stop, restart, kill, wait, pause,
/// unpause, rename, remove and prune.</summary>
public sealed class ContainerHandlers(ContainerService containers, ContainerHealth health, ExecService execs, ImageStore images,
    Machine.StorageDriver driver)
{
    /// <summary>Registers the routes (before the catch-all of unimplemented ones).</summary>
    public void Map(Router router) => router
        .Map("POST", "/containers/create", CreateAsync)
        .Map("GET", "/containers/json", ListAsync)
        .Map("POST", "/containers/prune", PruneAsync)
        .Map("GET", "/containers/{id}/json", InspectAsync)
        .Map("POST", "/containers/{id}/start", (c, p) => NoContent(c, containers.StartAsync(p["id"])))
        .Map("POST", "/containers/{id}/stop", (c, p) => NoContent(c, containers.StopAsync(p["id"], RequestJson.QueryInt(c, "t"), c.Request.Query["signal"])))
        .Map("POST", "/containers/{id}/restart", (c, p) => NoContent(c, containers.RestartAsync(p["id"], RequestJson.QueryInt(c, "t"), c.Request.Query["signal"])))
        .Map("POST", "/containers/{id}/kill", (c, p) => NoContent(c, containers.KillAsync(p["id"], c.Request.Query["signal"])))
        .Map("POST", "/containers/{id}/pause", (c, p) => NoContent(c, containers.PauseAsync(p["id"])))
        .Map("POST", "/containers/{id}/unpause", (c, p) => NoContent(c, containers.UnpauseAsync(p["id"])))
        .Map("POST", "/containers/{id}/rename", (c, p) => NoContent(c, containers.RenameAsync(p["id"], c.Request.Query["name"].ToString())))
        .Map("POST", "/containers/{id}/wait", WaitAsync)
        .Map("POST", "/containers/{id}/update", UpdateAsync)
        .Map("DELETE", "/containers/{id}", (c, p) => NoContent(c, containers.RemoveAsync(p["id"],
            QueryFlags.IsTrue(c.Request.Query["force"]), QueryFlags.IsTrue(c.Request.Query["v"]))));

    private static async Task NoContent(HttpContext context, Task operation)
    {
        await operation;
        context.Response.StatusCode = 204;
    }

    private async Task CreateAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var request = await RequestJson.ReadAsync(context, ApiJsonContext.Api.ContainerCreateRequest)
            ?? throw new BadRequestError("config cannot be empty in order to create a container");
        var (record, warnings) = containers.Create(request, context.Request.Query["name"].ToString());
        context.Response.StatusCode = 201;
        await SystemHandlers.WriteJsonAsync(context, new ContainerCreateResponse { Id = record.Id, Warnings = warnings }, ApiJsonContext.Api.ContainerCreateResponse);
    }

    private Task InspectAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        // Probes that changed only the log are not stored yet (ContainerHealth): inspect shows them all.
        if (health.Live(c.Id) is { } live) c.State.Health = live;
        var view = ContainerViews.Inspect(c, driver.Name, containers.GraphData(c.Id), execs.PendingIdsOf(c.Id));
        if (QueryFlags.IsTrue(context.Request.Query["size"])) (view.SizeRw, view.SizeRootFs) = containers.Sizes(c);
        return SystemHandlers.WriteJsonAsync(context, view, ApiJsonContext.Api.ContainerInspect);
    }

    private Task ListAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var query = context.Request.Query;
        var filters = ContainerFilters.Parse(query["filters"]);
        var all = containers.Store.List();
        var limit = RequestJson.QueryInt(context, "limit") ?? -1;
        var showAll = QueryFlags.IsTrue(query["all"]) || limit > 0 || filters.HasStatusOrExited || filters.HasBeforeOrSince;
        var selected = filters.Apply(all, containers.Store.Resolve, ImageIds, AncestorsOf)
            .Where(c => showAll || c.State.Running);
        if (limit > 0) selected = selected.Take(limit);
        var now = DateTimeOffset.UtcNow;
        var withSize = QueryFlags.IsTrue(query["size"]);
        var rows = selected.Select(c =>
        {
            var row = ContainerViews.Summary(c, now);
            if (withSize) (row.SizeRw, row.SizeRootFs) = containers.Sizes(c);
            return row;
        }).ToList();
        return SystemHandlers.WriteJsonAsync(context, rows, ApiJsonContext.Api.ListContainerSummary);
    }

    private async Task UpdateAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var changes = await RequestJson.ReadAsync(context, ApiJsonContext.Api.HostConfig) ?? new HostConfig();
        var warnings = await containers.UpdateAsync(p["id"], changes, Containers.Spec.HostResources.Current());
        await SystemHandlers.WriteJsonAsync(context, new ContainerUpdateResponse { Warnings = warnings }, ApiJsonContext.Api.ContainerUpdateResponse);
    }

    private async Task WaitAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var condition = context.Request.Query["condition"].ToString();
        if (condition is not ("" or "not-running" or "next-exit" or "removed"))
            throw new BadRequestError($"invalid condition: \"{condition}\"");
        var c = containers.Store.Resolve(p["id"]);
        Task<int> done;
        if (condition is "" or "not-running" && !c.State.Running && !c.State.Restarting) done = Task.FromResult(c.State.ExitCode);
        else done = containers.Waits.Next(c.Id, removal: condition == "removed");
        // dockerd answers the headers at once, so the client knows the wait began, and the body at the exit.
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var code = await done.WaitAsync(context.RequestAborted);
        await System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, new ContainerWaitResponse { StatusCode = code },
            ApiJsonContext.Api.ContainerWaitResponse, context.RequestAborted);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), context.RequestAborted);
    }

    private async Task PruneAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var filters = PruneFilters.Parse(context.Request.Query["filters"]);
        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var c in containers.Store.List().Where(c => !c.State.Running && filters.SelectsContainer(c)))
        {
            var (size, _) = containers.Sizes(c);
            await containers.RemoveAsync(c.Id, force: false, volumes: false);
            deleted.Add(c.Id);
            reclaimed += size ?? 0;
        }
        await SystemHandlers.WriteJsonAsync(context, new ContainerPruneResponse { ContainersDeleted = deleted.Count > 0 ? deleted : null, SpaceReclaimed = reclaimed },
            ApiJsonContext.Api.ContainerPruneResponse);
    }

    private IReadOnlySet<string>? ImageIds(string reference)
    {
        try { return new HashSet<string> { images.Resolve(reference).Record.Id }; }
        catch (Berth.Storage.StorageException) { return null; }
    }

    // Images have no parents until build and commit record them, so a container's only ancestor is its image.
    private IReadOnlySet<string> AncestorsOf(Containers.Store.ContainerRecord c) => new HashSet<string> { c.Image };
}

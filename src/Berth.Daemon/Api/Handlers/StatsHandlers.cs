using System.Text.Json;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Containers.Lifecycle;
using Berth.Daemon.Containers.Stats;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Api.Handlers;

/// <summary>GET /containers/{id}/stats (one sample, or one a second while the client listens) and /top.</summary>
public sealed class StatsHandlers(ContainerService containers, ContainerStatsReader reader)
{
    /// <summary>Registers the routes.</summary>
    public void Map(Router router) => router
        .Map("GET", "/containers/{id}/stats", StatsAsync)
        .Map("GET", "/containers/{id}/top", TopAsync);

    private async Task StatsAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        var q = context.Request.Query;
        var stream = !q.ContainsKey("stream") || QueryFlags.IsTrue(q["stream"]);
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        ContainerStatsJson? previous = null;
        // Without stream, dockerd still takes two samples a second apart, so that CPU % can be computed.
        if (!stream && !QueryFlags.IsTrue(q["one-shot"]) && c.State.Running)
        {
            previous = Sample(c, null);
            await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
        }
        do
        {
            c = containers.Store.Get(c.Id) ?? c;
            var sample = Sample(c, previous);
            // One write per line, as for events: a chunk holding only the newline ends docker-py's decoding in an error.
            byte[] line = [.. JsonSerializer.SerializeToUtf8Bytes(sample, StatsJsonContext.Default.ContainerStatsJson), (byte)'\n'];
            await context.Response.Body.WriteAsync(line, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            previous = sample;
            if (stream) await Task.Delay(TimeSpan.FromSeconds(1), context.RequestAborted);
        }
        while (stream && !context.RequestAborted.IsCancellationRequested);
    }

    // A stopped container has no cgroup: dockerd then sends a sample of zeros with its name and ID.
    private ContainerStatsJson Sample(ContainerRecord c, ContainerStatsJson? previous)
    {
        if (!c.State.Running) return new ContainerStatsJson { Name = c.Name, Id = c.Id };
        try { return reader.Read(new StatsSource(c.Id, ContainerService.CgroupsPathOf(c), c.State.Pid, c.Name), previous); }
        catch (Exception e) when (e is IOException or Berth.Runtime.RuntimeException) { return new ContainerStatsJson { Name = c.Name, Id = c.Id }; }
    }

    private async Task TopAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        if (!c.State.Running) throw new ConflictError($"Container {c.Id} is not running");
        var psArgs = context.Request.Query["ps_args"].ToString();
        var pids = reader.Pids(new StatsSource(c.Id, ContainerService.CgroupsPathOf(c), c.State.Pid));
        var top = await ContainerTop.RunAsync(psArgs.Length == 0 ? null : psArgs, pids.ToList(), context.RequestAborted);
        containers.Events.Publish("top", c);
        await JsonSerializer.SerializeAsync(context.Response.Body, top, StatsJsonContext.Default.ContainerTopJson, context.RequestAborted);
    }
}

using System.Text.Json;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Events;

/// <summary>GET /events: the buffered events since/until asks for, then live ones until `until` passes or the client
/// leaves, one JSON object per line as dockerd's encoder writes them.</summary>
public sealed class EventsHandler(EventBus bus, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Registers the route (before the catch-all of unimplemented ones).</summary>
    public void Map(Router router) => router.Map("GET", "/events", StreamAsync);

    private async Task StreamAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var query = context.Request.Query;
        string sinceText = query["since"].ToString(), untilText = query["until"].ToString();
        var since = EventTime.Parse(sinceText);
        var until = EventTime.Parse(untilText);
        if (until is { } u && u < (since ?? DateTimeOffset.UnixEpoch))
            throw new BadRequestError($"`since` time ({sinceText}) cannot be after `until` time ({untilText})");
        var filter = EventFilter.Parse(query["filters"].ToString());

        var now = _clock.GetUtcNow();
        var onlyPast = until is { } end && end < now;
        using var subscription = bus.Subscribe(since, until, filter);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);

        foreach (var e in subscription.Past) await WriteAsync(context, e);
        if (onlyPast) return;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (until is { } deadline) stop.CancelAfter(deadline - now);
        try
        {
            await foreach (var e in subscription.Live.ReadAllAsync(stop.Token)) await WriteAsync(context, e);
        }
        catch (OperationCanceledException)
        {
            // `until` passed or the client hung up: either way the stream simply ends.
        }
    }

    private static async Task WriteAsync(HttpContext context, EventMessage e)
    {
        // The line and its newline in one write: each write goes out as a chunk of its own, and docker-py's decoder fails
        // on a last chunk holding nothing but the newline.
        byte[] line = [.. JsonSerializer.SerializeToUtf8Bytes(e, EventJsonContext.Default.EventMessage), (byte)'\n'];
        await context.Response.Body.WriteAsync(line, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}

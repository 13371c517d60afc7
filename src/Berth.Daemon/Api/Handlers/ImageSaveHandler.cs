using Berth.Daemon.Api.Routing;
using Berth.Storage.Images;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon.Api.Handlers;

/// <summary>`docker save` over the API: GET /images/{name}/get and GET /images/get?names=…, the archive as an
/// application/x-tar body streamed while the layers are rebuilt.</summary>
public sealed class ImageSaveHandler(ImageStore store, Events.ImageEvents events, ILogger<ImageSaveHandler> logger)
{
    /// <summary>Registers the routes (before the catch-all of unimplemented ones).</summary>
    public void Map(Router router) => router
        .Map("GET", "/images/get", SaveAsync)
        .Map("GET", "/images/{name*}/get", SaveAsync);

    private async Task SaveAsync(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        IReadOnlyList<string> names = parameters.TryGetValue("name", out var name)
            ? [name] : context.Request.Query["names"].Select(n => n ?? "").ToList();
        // Every name and layer is checked here, so an unknown image is a 404 before any byte of the body.
        var export = ImageHandlers.Run(() => store.Save(names));
        context.Response.ContentType = "application/x-tar";
        // The archive writer is synchronous (tar headers, then each layer rebuilt from its files); it runs on a pool
        // thread, buffered so the many small header records do not each become a chunk.
        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        try
        {
            await Task.Run(() =>
            {
                using var body = new BufferedStream(context.Response.Body, 1 << 16);
                export.WriteTo(body);
            }, context.RequestAborted);
            foreach (var id in names.Select(n => store.Resolve(n).Record.Id).Distinct()) events.Log("save", id);
        }
        catch (Exception e) when (context.Response.HasStarted)
        {
            // A 200 is already on its way: cut the connection, so the client sees a broken archive, never a short one.
            if (context.RequestAborted.IsCancellationRequested) logger.LogDebug("save of {Names}: the client went away", string.Join(' ', names));
            else logger.LogError(e, "save of {Names} failed after the archive started", string.Join(' ', names));
            context.Abort();
        }
    }
}

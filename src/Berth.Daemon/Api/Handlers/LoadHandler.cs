using System.Threading.Channels;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Errors;
using Berth.Oci.Reference;
using Berth.Storage;
using Berth.Storage.Images;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon.Api.Handlers;

/// <summary>POST /images/load: stores the images of a tarball and answers Docker's JSON message stream, with
/// "Loading layer" progress unless quiet.</summary>
/// <remarks>dockerd answers 200 even for a bad archive and puts the error in the stream. Berth holds the response
/// back until its first message, so a load that fails before (any bad archive, and every failure when quiet)
/// gets a proper error status (400 for bad input); a failure after that can only be a message in the stream,
/// exactly as dockerd writes it.</remarks>
public sealed class LoadHandler(ImageStore store, Events.ImageEvents events, ILogger<LoadHandler> log)
{
    /// <summary>Registers the route.</summary>
    public void Map(Router router) => router.Map("POST", "/images/load", LoadAsync);

    private async Task LoadAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        // An image archive is as large as the image: no request size limit for this endpoint.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        // As dockerd: quiet unless asked otherwise.
        var quiet = !context.Request.Query.TryGetValue("quiet", out var quietValue) || QueryFlags.IsTrue(quietValue.ToString());
        // The store reads the body as it arrives (it stages the archive under tmp/ itself, so a crash leaves only
        // tmp/): no spooled copy of the whole upload first. Its reads are synchronous, on a pool thread.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } bodyControl) bodyControl.AllowSynchronousIO = true;
        var messages = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var body = context.Request.Body;
        var load = Task.Run(() => Load(body, quiet, messages.Writer));
        var started = false;
        await foreach (var line in messages.Reader.ReadAllAsync(context.RequestAborted))
        {
            if (!started)
            {
                context.Response.ContentType = "application/json";
                started = true;
            }
            await context.Response.Body.WriteAsync(line, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
        try { await load; }
        catch (Exception e) when (started)
        {
            if (e is not StorageException) log.LogError(e, "load failed after its first message");
            await context.Response.Body.WriteAsync(JsonMessageWriter.Error(e.Message), context.RequestAborted);
        }
        catch (StorageException e)
        {
            throw new StorageError(e.StatusCode, e.Message);
        }
        if (!started) context.Response.ContentType = "application/json";
    }

    // Runs on a pool thread: the store works synchronously and speaks through the channel.
    private void Load(Stream archive, bool quiet, ChannelWriter<byte[]> messages)
    {
        try
        {
            var throttle = quiet ? null : new ProgressThrottle(p => messages.TryWrite(JsonMessageWriter.Progress("Loading layer", p)));
            var loaded = store.Load(archive, throttle is null ? null : throttle.Report, image =>
            {
                foreach (var name in image.Names)
                {
                    var familiar = ImageReference.Parse(name).FamiliarString;
                    if (image.Replaced.TryGetValue(name, out var previous))
                        messages.TryWrite(JsonMessageWriter.Stream($"The image {familiar} already exists, renaming the old one with ID {previous} to empty string\n"));
                    messages.TryWrite(JsonMessageWriter.Stream($"Loaded image: {familiar}\n"));
                }
            });
            foreach (var image in loaded) events.Log("load", image.Id.ToString());
            // Like dockerd: image IDs are reported only when the archive named no image at all.
            if (loaded.All(i => i.Names.Count == 0))
                foreach (var image in loaded) messages.TryWrite(JsonMessageWriter.Stream($"Loaded image ID: {image.Id}\n"));
        }
        finally
        {
            messages.Complete();
        }
    }
}

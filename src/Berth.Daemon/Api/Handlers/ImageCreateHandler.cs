using System.Text.Json;
using Berth.Build.Dockerfile;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Errors;
using Berth.Daemon.Images;
using Berth.Oci.Image;
using Berth.Oci.Reference;
using Berth.Storage;
using Berth.Storage.Images;
using Microsoft.AspNetCore.Http.Features;

namespace Berth.Daemon.Api.Handlers;

/// <summary>POST /images/create: `import` of a root filesystem tarball from the request body (fromSrc=-) or from an
/// http(s) URL. Pulling (fromImage) needs the registry client, which berthd does not have yet.</summary>
public sealed class ImageCreateHandler(ImageStore store, Hosting.DataRoot dataRoot, Events.ImageEvents events)
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Registers the route (before the catch-all of unimplemented ones).</summary>
    public void Map(Router router) => router.Map("POST", "/images/create", CreateAsync);

    private async Task CreateAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var query = context.Request.Query;
        if (query["fromImage"].ToString() is { Length: > 0 } image)
        {
            var tag = query["tag"].ToString();
            var wanted = tag.Length == 0 ? image : image + (tag.StartsWith("sha256:", StringComparison.Ordinal) ? "@" : ":") + tag;
            if (ImageReference.TryParse(wanted, out var named)) wanted = named.FamiliarString;
            throw new NotImplementedError($"berthd cannot pull {wanted} yet: it has no registry client (POST /images/create?fromImage=…); load a `docker save` archive instead");
        }
        var source = query["fromSrc"].ToString();
        if (source.Length == 0) throw new BadRequestError("POST /images/create needs fromImage (pull) or fromSrc (import)");
        var names = Names(query["repo"].ToString(), query["tag"].ToString());
        var platform = ParsePlatform(query["platform"].ToString());
        var message = query["message"].ToString();
        var changes = query["changes"].Where(c => c is not null).Select(c => c!).ToList();
        ContainerConfig config;
        try { config = changes.Count == 0 ? new ContainerConfig() : ConfigChanges.Apply(new ContainerConfig(), changes); }
        catch (DockerfileException e) { throw new BadRequestError(e.Message); }
        if (message.Length == 0) message = "Imported from " + source;

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        // Spooled to tmp/ first: the store reads the tarball twice (DiffID, then unpack), and a crash leaves only tmp/.
        var spool = Path.Combine(dataRoot.Path, "tmp", "import-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            long size;
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                if (source == "-") await context.Request.Body.CopyToAsync(file, context.RequestAborted);
                else
                {
                    var uri = SourceUri(source);
                    // Like dockerd, a download reports itself first; from then on errors travel in the stream.
                    await WriteMessageAsync(context, new JsonMessage { Status = "Downloading from " + uri });
                    await DownloadAsync(uri, file, context.RequestAborted);
                }
                size = file.Length;
            }
            if (source != "-")
                await WriteMessageAsync(context, new JsonMessage { Status = "Importing", ProgressDetail = new ProgressDetail { Current = size, Total = size } });
            var created = Rfc3339.Format(DateTimeOffset.UtcNow);
            Digest id;
            try
            {
                id = await Task.Run(() => store.Import(spool,
                    diffId => ImportedImageConfig.Write(config, platform, message, created, BuildInfo.Version, diffId), names), context.RequestAborted);
            }
            catch (StorageException e) { throw new StorageError(e.StatusCode, e.Message); }
            // dockerd tags the new image (a tag event) before it logs the import.
            foreach (var name in names) events.Tagged(id.ToString(), name);
            events.Log("import", id.ToString());
            await WriteMessageAsync(context, new JsonMessage { Status = id.ToString() });
        }
        catch (BerthError e) when (context.Response.HasStarted)
        {
            await WriteMessageAsync(context, new JsonMessage { Error = e.Message, ErrorDetail = new ErrorDetail { Message = e.Message } });
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static async Task WriteMessageAsync(HttpContext context, JsonMessage message)
    {
        if (!context.Response.HasStarted) context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(message, ApiJsonContext.Api.JsonMessage) + "\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    // Docker's repo parameter may carry the tag itself ("app:v1"); tag= overrides it.
    private static List<string> Names(string repo, string tag)
    {
        if (repo.Length == 0) return [];
        if (!ImageReference.TryParse(repo, out var reference, out var error)) throw new BadRequestError(error);
        if (reference.Digest is not null) throw new BadRequestError("cannot import digest reference");
        if (tag.Length > 0)
        {
            try { reference = reference.WithTag(tag); }
            catch (FormatException e) { throw new BadRequestError(e.Message); }
        }
        return [reference.WithDefaultTag().ToString()];
    }

    // "os[/arch[/variant]]"; only Linux images can run here, as dockerd on Linux insists.
    private static Platform ParsePlatform(string text)
    {
        if (text.Length == 0) return Platform.Current;
        var parts = text.ToLowerInvariant().Split('/');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0)) throw new BadRequestError($"\"{text}\": unknown operating system or architecture: invalid argument");
        if (parts[0] != "linux") throw new BadRequestError("operating system is not supported");
        return parts.Length == 1 ? Platform.Current
            : new Platform { Os = "linux", Architecture = parts[1], Variant = parts.Length == 3 ? parts[2] : null };
    }

    // Docker takes a bare host as http://host.
    private static Uri SourceUri(string source)
    {
        var text = source.Contains("://", StringComparison.Ordinal) ? source : "http://" + source;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new BadRequestError($"cannot import from {source}: only http and https URLs (or - for the request body) are supported");
        return uri;
    }

    private static async Task DownloadAsync(Uri uri, Stream target, CancellationToken token)
    {
        HttpResponseMessage response;
        try { response = await Http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, token); }
        catch (HttpRequestException e) { throw new BadRequestError($"Get \"{uri}\": {e.Message}"); }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new BadRequestError($"Get \"{uri}\": the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var body = await response.Content.ReadAsStreamAsync(token);
            await body.CopyToAsync(target, token);
        }
    }
}

using System.Text.Json;
using Berth.Build.Dockerfile;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Containers.Lifecycle;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;
using Berth.Oci.Image;
using Berth.Oci.Reference;
using Berth.Storage.Containers;
using Berth.Storage.Images;
using Berth.Storage.Snapshots;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The endpoints over a container's files: changes (diff), export, archive (cp) and commit.</summary>
public sealed class ContainerFilesHandlers(ContainerService containers, ImageStore images, Events.ImageEvents imageEvents)
{
    /// <summary>Registers the routes.</summary>
    public void Map(Router router) => router
        .Map("GET", "/containers/{id}/changes", ChangesAsync)
        .Map("GET", "/containers/{id}/export", ExportAsync)
        .Map("HEAD", "/containers/{id}/archive", StatAsync)
        .Map("GET", "/containers/{id}/archive", GetArchiveAsync)
        .Map("PUT", "/containers/{id}/archive", PutArchiveAsync)
        .Map("POST", "/commit", CommitAsync);

    private Task ChangesAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        var (upper, lowers) = Layers(c);
        var changes = ContainerChanges.Of(upper, lowers);
        return SystemHandlers.WriteJsonAsync(context, changes, ApiJsonContext.Api.ListContainerChange);
    }

    private async Task ExportAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        await using var mount = await containers.MountAsync(c);
        context.Response.ContentType = "application/x-tar";
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } bodyControl) bodyControl.AllowSynchronousIO = true;
        await context.Response.StartAsync(context.RequestAborted);
        await Task.Run(() => ContainerExport.Write(mount.Path, context.Response.Body), context.RequestAborted);
    }

    private async Task StatAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        await using var mount = await containers.MountAsync(c);
        var stat = ContainerArchive.StatPath(mount.Path, context.Request.Query["path"].ToString(), p["id"]);
        context.Response.Headers["X-Docker-Container-Path-Stat"] = stat.HeaderValue();
        context.Response.StatusCode = 200;
    }

    private async Task GetArchiveAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        await using var mount = await containers.MountAsync(c);
        var archive = ContainerArchive.Open(mount.Path, context.Request.Query["path"].ToString(), p["id"]);
        context.Response.Headers["X-Docker-Container-Path-Stat"] = archive.Stat.HeaderValue();
        context.Response.ContentType = "application/x-tar";
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } bodyControl) bodyControl.AllowSynchronousIO = true;
        await context.Response.StartAsync(context.RequestAborted);
        await Task.Run(() => archive.WriteTo(context.Response.Body), context.RequestAborted);
        containers.Events.Publish("archive-path", c);
    }

    private async Task PutArchiveAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        var q = context.Request.Query;
        if (c.HostConfig.ReadonlyRootfs) throw new ForbiddenError("container rootfs is marked read-only");
        await using var mount = await containers.MountAsync(c);
        var owner = QueryFlags.IsTrue(q["copyUIDGID"]) ? Owner(c, mount.Path) : null;
        // The extraction reads the body on a worker thread, synchronously: the tar is checked whole before anything is written.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } bodyControl) bodyControl.AllowSynchronousIO = true;
        var spool = Path.Combine(containers.Paths.Folder(c.Id), "cp-spool");
        Directory.CreateDirectory(spool);
        try
        {
            await Task.Run(() => ArchiveExtraction.Extract(mount.Path, q["path"].ToString(), p["id"], context.Request.Body, spool,
                QueryFlags.IsTrue(q["noOverwriteDirNonDir"]), owner), context.RequestAborted);
        }
        finally { Directory.Delete(spool, recursive: true); }
        containers.Events.Publish("extract-to-dir", c);
        context.Response.StatusCode = 200;
    }

    // copyUIDGID: the files belong to the container's user, as dockerd resolves it.
    private static ArchiveOwner Owner(ContainerRecord c, string rootfs)
    {
        var user = Containers.Spec.UserLookup.Resolve(rootfs, c.Config.User, null);
        return new ArchiveOwner((int)user.Uid, (int)user.Gid);
    }

    private async Task CommitAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var q = context.Request.Query;
        var c = containers.Store.Resolve(q["container"].ToString());
        var repo = q["repo"].ToString();
        var tag = q["tag"].ToString();
        if (repo.Length > 0)
        {
            if (!ImageReference.TryParse(tag.Length > 0 ? $"{repo}:{tag}" : repo, out var reference) || reference!.Digest is not null)
                throw new BadRequestError($"invalid reference format");
        }
        var body = await RequestJson.ReadAsync(context, ApiJsonContext.Api.ContainerCreateConfig);
        var baseConfig = ImageJsonConfig(Overlay(c.Config, body));
        var changes = q["changes"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        ContainerConfig config;
        try { config = changes.Count == 0 ? baseConfig : ConfigChanges.Apply(baseConfig, changes); }
        catch (DockerfileException e) { throw new BadRequestError(e.Message); }
        var pause = !q.ContainsKey("pause") || QueryFlags.IsTrue(q["pause"]);
        var (upper, _) = Layers(c);
        var paused = pause && c.State.Running && !c.State.Paused;
        // dockerd pauses through its own pause, which reports pause and unpause around the commit.
        if (paused)
        {
            await containers.Runtime.PauseAsync(c.Id);
            containers.Events.Publish("pause", c);
        }
        Digest id;
        try
        {
            id = images.Commit(new CommitRequest
            {
                UpperDir = upper, ParentImageId = c.Image, ContainerId = c.Id,
                Config = JsonSerializer.SerializeToUtf8Bytes(config, ImageJsonContext.Default.ContainerConfig),
                ContainerConfig = JsonSerializer.SerializeToUtf8Bytes(ImageJsonConfig(c.Config), ImageJsonContext.Default.ContainerConfig),
                Comment = q["comment"], Author = q["author"], Repository = repo.Length > 0 ? repo : null, Tag = tag.Length > 0 ? tag : null,
                DockerVersion = BuildInfo.Version,
            });
        }
        catch when (paused)
        {
            await ResumeAsync(c);
            throw;
        }
        var imageRef = repo.Length > 0 ? ImageReference.Normalize(tag.Length > 0 ? $"{repo}:{tag}" : repo).FamiliarString : "";
        if (imageRef.Length > 0) imageEvents.Tagged(id.ToString(), imageRef);
        containers.Events.Publish("commit", c, new Dictionary<string, string>
        {
            ["comment"] = q["comment"].ToString(), ["imageID"] = id.ToString(), ["imageRef"] = imageRef,
        });
        if (paused) await ResumeAsync(c);
        context.Response.StatusCode = 201;
        await SystemHandlers.WriteJsonAsync(context, new IdResponse { Id = id.ToString() }, ApiJsonContext.Api.IdResponse);
    }

    private async Task ResumeAsync(ContainerRecord c)
    {
        await containers.Runtime.ResumeAsync(c.Id);
        containers.Events.Publish("unpause", c);
    }

    // dockerd merges the request's config over the container's: what the request sets wins.
    private static ContainerCreateConfig Overlay(ContainerCreateConfig container, ContainerCreateConfig? request)
    {
        var merged = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(container, ApiJsonContext.Api.ContainerCreateConfig), ApiJsonContext.Api.ContainerCreateConfig)!;
        if (request is null) return merged;
        if (request.Cmd is { Count: > 0 }) merged.Cmd = request.Cmd;
        if (request.Entrypoint is { Count: > 0 }) merged.Entrypoint = request.Entrypoint;
        if (request.Env is { Count: > 0 }) merged.Env = request.Env;
        if (request.Labels is { Count: > 0 }) merged.Labels = request.Labels;
        if (!string.IsNullOrEmpty(request.WorkingDir)) merged.WorkingDir = request.WorkingDir;
        if (!string.IsNullOrEmpty(request.User)) merged.User = request.User;
        if (request.ExposedPorts is { Count: > 0 }) merged.ExposedPorts = request.ExposedPorts;
        if (request.Volumes is { Count: > 0 }) merged.Volumes = request.Volumes;
        return merged;
    }

    // The API's container config and the image's share Docker's field names: one reads as the other.
    private static ContainerConfig ImageJsonConfig(ContainerCreateConfig config)
        => JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(config, ApiJsonContext.Api.ContainerCreateConfig), ImageJsonContext.Default.ContainerConfig)!;

    private (string Upper, IReadOnlyList<string> Lowers) Layers(ContainerRecord c)
    {
        if (containers.Snapshots is not OverlaySnapshotter overlay)
            throw new NotImplementedError("diff and commit need the overlay2 storage driver");
        var lowers = images.Layers(images.Resolve(c.Image).Record).Select(l => images.LayerPath(l.ChainId)).Reverse().ToList();
        return (overlay.UpperDir(c.Id), [containers.Paths.InitLayer(c.Id), .. lowers]);
    }
}

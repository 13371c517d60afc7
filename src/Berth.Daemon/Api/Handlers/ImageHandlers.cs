using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Errors;
using Berth.Oci.Image;
using Berth.Oci.Reference;
using Berth.Storage;
using Berth.Storage.Images;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The image endpoints over the image store (but load, see <see cref="LoadHandler"/>): list, inspect, history, tag, delete, prune.</summary>
public sealed class ImageHandlers(ImageStore store, Machine.StorageDriver driver, Events.ImageEvents events)
{
    /// <summary>Registers the routes (before the catch-all of unimplemented ones).</summary>
    public void Map(Router router) => router
        .Map("GET", "/images/json", ListAsync)
        .Map("POST", "/images/prune", PruneAsync)
        .Map("GET", "/images/{name*}/json", InspectAsync)
        .Map("GET", "/images/{name*}/history", HistoryAsync)
        .Map("POST", "/images/{name*}/tag", TagAsync)
        .Map("DELETE", "/images/{name*}", RemoveAsync);

    // Newest step first; each step that made a layer gets that layer's size; only the top row names the image.
    private Task HistoryAsync(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        var image = Run(() => store.Resolve(parameters["name"]));
        var config = ParseConfig(image);
        var layers = store.Layers(image.Record);
        var rows = new List<ImageHistoryItem>();
        var layerIndex = 0;
        foreach (var step in config.History ?? [])
        {
            long size = 0;
            if (step.EmptyLayer != true && layerIndex < layers.Count) size = layers[layerIndex++].Size;
            rows.Add(new ImageHistoryItem
            {
                Id = "<missing>", Created = (step.CreatedTime ?? DateTimeOffset.UnixEpoch).ToUnixTimeSeconds(),
                CreatedBy = step.CreatedBy ?? "", Size = size, Comment = step.Comment ?? "",
            });
        }
        rows.Reverse();
        if (rows.Count > 0)
        {
            rows[0].Id = image.Record.Id;
            rows[0].Tags = Tags(image);
        }
        return SystemHandlers.WriteJsonAsync(context, rows, ApiJsonContext.Api.ListImageHistoryItem);
    }

    // Filters: dangling=false means every unused image (-a); until= and label= narrow the set.
    private Task PruneAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var filters = PruneFilters.Parse(context.Request.Query["filters"]);
        var before = store.List();
        var labels = before.ToDictionary(i => i.Record.Id, i => events.LabelsOf(i.Record.Id));
        var result = Run(() => store.Prune(filters.All, image => filters.Selects(image, ParseConfig(image))));
        events.Pruned(before, labels, result);
        var body = new ImagePruneResponse
        {
            ImagesDeleted = result.Steps.Count == 0 ? null
                : result.Steps.Select(s => s.Kind == "Untagged" ? new ImageDeleteItem { Untagged = s.Value } : new ImageDeleteItem { Deleted = s.Value }).ToList(),
            SpaceReclaimed = result.SpaceReclaimed,
        };
        return SystemHandlers.WriteJsonAsync(context, body, ApiJsonContext.Api.ImagePruneResponse);
    }

    private Task TagAsync(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        var repo = context.Request.Query["repo"].ToString();
        if (repo.Length == 0) throw new BadRequestError("repository name must have at least one component");
        var tag = context.Request.Query["tag"].ToString();
        Run(() => { store.Tag(parameters["name"], repo, tag); return 0; });
        events.Tagged(store.Resolve(parameters["name"]).Record.Id, tag.Length == 0 ? repo : repo + ":" + tag);
        context.Response.StatusCode = StatusCodes.Status201Created;
        return Task.CompletedTask;
    }

    private Task RemoveAsync(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        var image = Run(() => store.Resolve(parameters["name"]));
        var labels = events.LabelsOf(image.Record.Id);
        var steps = Run(() => store.Remove(parameters["name"], QueryFlags.IsTrue(context.Request.Query["force"])));
        events.Removed(image, labels, steps);
        var body = steps.Select(s => s.Kind == "Untagged" ? new ImageDeleteItem { Untagged = s.Value } : new ImageDeleteItem { Deleted = s.Value }).ToList();
        return SystemHandlers.WriteJsonAsync(context, body, ApiJsonContext.Api.ListImageDeleteItem);
    }

    private Task ListAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var version = ApiContext.ApiVersionOf(context);
        var legacyDangling = ApiVersion.Compare(version, "1.44") < 0;
        var filters = ImageFilters.Parse(context.Request.Query["filters"]);
        var rows = new List<ImageSummary>();
        var images = Run(() => filters.Apply(store.List(), store.Resolve, Tags).ToList());
        foreach (var image in images.OrderByDescending(i => i.Record.Created))
        {
            var config = ParseConfig(image);
            if (!filters.MatchesLabels(config.Config?.Labels)) continue;
            var tags = filters.Referenced(Tags(image));
            var digests = filters.Referenced(Digests(image));
            rows.Add(new ImageSummary
            {
                Id = image.Record.Id,
                ParentId = image.Record.Parent ?? "",
                RepoTags = tags.Count > 0 || !legacyDangling ? tags : ["<none>:<none>"],
                // Before 1.44 a dangling image is spelt with both placeholders; clients test for the pair.
                RepoDigests = digests.Count == 0 && tags.Count == 0 && legacyDangling ? ["<none>@<none>"] : digests,
                Created = image.Record.Created.ToUnixTimeSeconds(),
                Size = image.Record.Size,
                VirtualSize = legacyDangling ? image.Record.Size : null,
                Labels = config.Config?.Labels,
            });
        }
        return SystemHandlers.WriteJsonAsync(context, rows, ApiJsonContext.Api.ListImageSummary);
    }

    private Task InspectAsync(HttpContext context, IReadOnlyDictionary<string, string> parameters)
    {
        var image = Run(() => store.Resolve(parameters["name"]));
        var config = ParseConfig(image);
        var version = ApiContext.ApiVersionOf(context);
        var layers = store.Layers(image.Record);
        var body = new ImageInspect
        {
            Id = image.Record.Id,
            RepoTags = Tags(image),
            RepoDigests = Digests(image),
            Parent = image.Record.Parent ?? "",
            // As dockerd 20.10: a commit writes its message only into history, and inspect falls back to the last entry's.
            Comment = config.Comment is { Length: > 0 } comment ? comment : config.History?.LastOrDefault()?.Comment ?? "",
            Created = config.Created ?? Rfc3339.Format(image.Record.Created),
            Container = ApiVersion.Compare(version, "1.45") < 0 ? config.Container ?? "" : null,
            ContainerConfig = ApiVersion.Compare(version, "1.45") < 0 ? DockerConfig(config.ContainerConfig) : null,
            DockerVersion = config.DockerVersion ?? "",
            Author = config.Author ?? "",
            Config = DockerConfig(config.Config),
            Architecture = config.Architecture,
            Variant = string.IsNullOrEmpty(config.Variant) ? null : config.Variant,
            Os = config.Os,
            OsVersion = string.IsNullOrEmpty(config.OsVersion) ? null : config.OsVersion,
            Size = image.Record.Size,
            VirtualSize = ApiVersion.Compare(version, "1.44") < 0 ? image.Record.Size : null,
            GraphDriver = new GraphDriverData
            {
                Name = driver.Name,
                Data = new Dictionary<string, string>
                {
                    ["LowerDir"] = string.Join(':', layers.AsEnumerable().Reverse().Select(l => store.LayerPath(l.ChainId))),
                },
            },
            RootFS = new ImageRootFs { Layers = layers.Select(l => l.DiffId).ToList() },
        };
        return SystemHandlers.WriteJsonAsync(context, body, ApiJsonContext.Api.ImageInspect);
    }

    private ImageConfig ParseConfig(StoredImage image) => ImageConfig.Parse(store.ReadConfig(image.Id));

    internal static List<string> Tags(StoredImage image)
        => image.References.Select(ImageReference.Parse).Where(r => r.Digest is null).Select(r => r.FamiliarString).ToList();

    internal static List<string> Digests(StoredImage image)
        => image.References.Select(ImageReference.Parse).Where(r => r.Digest is not null).Select(r => r.FamiliarString).ToList();

    // Docker writes the Go struct: absent fields come out as "", false or null, never missing.
    private static DockerContainerConfig? DockerConfig(ContainerConfig? c) => c is null ? null : new DockerContainerConfig
    {
        Hostname = c.Hostname ?? "", Domainname = c.Domainname ?? "", User = c.User ?? "",
        AttachStdin = c.AttachStdin ?? false, AttachStdout = c.AttachStdout ?? false, AttachStderr = c.AttachStderr ?? false,
        ExposedPorts = c.ExposedPorts, Tty = c.Tty ?? false, OpenStdin = c.OpenStdin ?? false, StdinOnce = c.StdinOnce ?? false,
        Env = c.Env, Cmd = c.Cmd, Healthcheck = c.Healthcheck, ArgsEscaped = c.ArgsEscaped ?? false, Image = c.Image ?? "",
        Volumes = c.Volumes, WorkingDir = c.WorkingDir ?? "", Entrypoint = c.Entrypoint, NetworkDisabled = c.NetworkDisabled ?? false,
        MacAddress = string.IsNullOrEmpty(c.MacAddress) ? null : c.MacAddress, OnBuild = c.OnBuild, Labels = c.Labels,
        StopSignal = string.IsNullOrEmpty(c.StopSignal) ? null : c.StopSignal, StopTimeout = c.StopTimeout, Shell = c.Shell,
    };


    /// <summary>Runs a store call: storage speaks in StorageException, the API in BerthError with the same status.</summary>
    internal static T Run<T>(Func<T> action)
    {
        try { return action(); }
        catch (StorageException e) { throw new StorageError(e.StatusCode, e.Message); }
    }
}

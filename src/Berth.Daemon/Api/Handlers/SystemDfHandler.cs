using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Errors;
using Berth.Oci.Image;
using Berth.Storage.Images;

namespace Berth.Daemon.Api.Handlers;

/// <summary>GET /system/df: what images and containers use on disk. Berth has no volumes or build cache yet, so those
/// sections are truly empty.</summary>
public sealed class SystemDfHandler(ImageStore store, Containers.Lifecycle.ContainerService containers)
{
    private static readonly string[] Types = ["container", "image", "volume", "build-cache"];

    /// <summary>Registers the route (before the catch-all of unimplemented ones).</summary>
    public void Map(Router router) => router.Map("GET", "/system/df", DiskUsageAsync);

    private Task DiskUsageAsync(HttpContext context, IReadOnlyDictionary<string, string> _)
    {
        var version = ApiContext.ApiVersionOf(context);
        var requested = context.Request.Query["type"];
        // type= arrived with API 1.42; older clients always get every section.
        var all = ApiVersion.Compare(version, "1.42") < 0 || requested.Count == 0;
        foreach (var type in requested)
            if (!all && !Types.Contains(type)) throw new BadRequestError($"unknown object type: {type}");
        bool Wants(string type) => all || requested.Contains(type);

        var body = new DiskUsageResponse { BuilderSize = ApiVersion.Compare(version, "1.42") < 0 ? 0 : null };
        if (Wants("image")) (body.LayersSize, body.Images) = Images(version);
        if (Wants("container")) body.Containers = Containers();
        // Volumes get their store in later work; until then there are none to list.
        if (Wants("volume")) body.Volumes = [];
        return SystemHandlers.WriteJsonAsync(context, body, ApiJsonContext.Api.DiskUsageResponse);
    }

    private List<ContainerSummary> Containers()
    {
        var now = DateTimeOffset.UtcNow;
        return containers.Store.List().Select(c =>
        {
            var row = ContainerViews.Summary(c, now);
            (row.SizeRw, row.SizeRootFs) = containers.Sizes(c);
            return row;
        }).ToList();
    }

    // Docker's rule: a layer is shared when more than one listed image stands on it; SharedSize sums those layers.
    private (long LayersSize, List<DiskUsageImage> Images) Images(string version)
    {
        var legacy = ApiVersion.Compare(version, "1.44") < 0;
        var images = store.List().OrderByDescending(i => i.Record.Created).ToList();
        var chains = images.ToDictionary(i => i.Record.Id, i => store.Layers(i.Record));
        var users = chains.Values.SelectMany(c => c).GroupBy(l => l.ChainId).ToDictionary(g => g.Key, g => g.Count());
        var layersSize = chains.Values.SelectMany(c => c).DistinctBy(l => l.ChainId).Sum(l => l.Size);
        var rows = new List<DiskUsageImage>();
        foreach (var image in images)
        {
            var tags = ImageHandlers.Tags(image);
            var digests = ImageHandlers.Digests(image);
            var dangling = tags.Count == 0;
            rows.Add(new DiskUsageImage
            {
                Containers = containers.Store.List().Count(c => c.Image == image.Record.Id),
                Created = image.Record.Created.ToUnixTimeSeconds(),
                Id = image.Record.Id,
                Labels = ImageConfig.Parse(store.ReadConfig(image.Id)).Config?.Labels,
                ParentId = image.Record.Parent ?? "",
                // Before 1.44 dockerd spelt a dangling image with placeholders and left empty digest lists null.
                RepoDigests = !legacy || digests.Count > 0 ? digests : dangling ? ["<none>@<none>"] : null,
                RepoTags = !legacy || !dangling ? tags : ["<none>:<none>"],
                SharedSize = chains[image.Record.Id].Where(l => users[l.ChainId] > 1).Sum(l => l.Size),
                Size = image.Record.Size,
                VirtualSize = legacy ? image.Record.Size : null,
            });
        }
        return (layersSize, rows);
    }
}

using Berth.Daemon.Containers.Store;
using Berth.Storage.Snapshots;

namespace Berth.Daemon.Containers.Lifecycle;

public sealed partial class ContainerService
{
    /// <summary>The overlay folders of a container as inspect's GraphDriver.Data shows them; null without overlay.</summary>
    public Dictionary<string, string>? GraphData(string id)
    {
        if (snapshots is not OverlaySnapshotter overlay) return null;
        try
        {
            var upper = overlay.UpperDir(id);
            var lower = overlay.MountSpecOf(id).Options.FirstOrDefault(o => o.StartsWith("lowerdir=", StringComparison.Ordinal))?["lowerdir=".Length..] ?? "";
            return new Dictionary<string, string>
            {
                ["LowerDir"] = lower, ["MergedDir"] = paths.Rootfs(id), ["UpperDir"] = upper,
                ["WorkDir"] = Path.Combine(Path.GetDirectoryName(upper)!, "work"),
            };
        }
        catch (Berth.Storage.StorageException) { return null; }
    }

    /// <summary>SizeRw (bytes in the writable layer) and SizeRootFs (that plus the image's layers).</summary>
    public (long? Rw, long? RootFs) Sizes(ContainerRecord c)
    {
        long rw = 0;
        if (snapshots is OverlaySnapshotter overlay)
        {
            try { rw = Berth.Storage.Layers.LayerSize.Of(overlay.UpperDir(c.Id)); } catch (Berth.Storage.StorageException) { }
        }
        long image = 0;
        try { image = images.Resolve(c.Image).Record.Size; } catch (Berth.Storage.StorageException) { }
        return (rw, rw + image);
    }
}

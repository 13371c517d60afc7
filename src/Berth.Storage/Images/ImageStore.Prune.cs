namespace Berth.Storage.Images;

/// <summary>What a prune removed: each step, and the bytes of the layers it deleted.</summary>
public sealed record PruneResult(IReadOnlyList<RemovalStep> Steps, long SpaceReclaimed);

public sealed partial class ImageStore
{
    /// <summary>Removes dangling images (all unused images when all is set) that select accepts, with their unused layers.</summary>
    public PruneResult Prune(bool all, Func<StoredImage, bool> select)
    {
        var steps = new List<RemovalStep>();
        var layerSizes = _db.Read(tx => tx.ListLayerIds().ToDictionary(id => id, id => tx.GetLayer(id)!.Size));
        foreach (var image in List())
        {
            var dangling = image.References.All(r => r.Contains('@'));
            if ((!all && !dangling) || !select(image)) continue;
            // An image containers were made from is in use, as in dockerd.
            if (_db.Read(tx => tx.ContainersOfImage(image.Record.Id)).Count > 0) continue;
            steps.AddRange(Remove(image.Record.Id, force: true));
        }
        var reclaimed = steps.Where(s => s.Kind == "Deleted" && layerSizes.ContainsKey(s.Value)).Sum(s => layerSizes[s.Value]);
        return new PruneResult(steps, reclaimed);
    }
}

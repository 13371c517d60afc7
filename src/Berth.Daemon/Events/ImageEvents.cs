using System.Globalization;
using Berth.Oci.Image;
using Berth.Oci.Reference;
using Berth.Storage;
using Berth.Storage.Images;

namespace Berth.Daemon.Events;

/// <summary>Image events as dockerd 20.10's LogImageEvent writes them: the actor is the image ID, its attributes the
/// image's labels while it still exists plus "name" (the new reference for tag, the ID itself otherwise).</summary>
public sealed class ImageEvents(EventBus bus, ImageStore store)
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    /// <summary>Publishes <paramref name="action"/> for <paramref name="imageId"/>; <paramref name="labels"/> defaults
    /// to the stored image's.</summary>
    public void Log(string action, string imageId, string? name = null, IReadOnlyDictionary<string, string>? labels = null)
    {
        var attributes = new Dictionary<string, string>(labels ?? LabelsOf(imageId), StringComparer.Ordinal)
        {
            ["name"] = name ?? imageId,
        };
        bus.Publish(EventTypes.Image, action, imageId, attributes);
    }

    /// <summary>A tag: the event names the new reference as the user would write it ("foo/bar:v1").</summary>
    public void Tagged(string imageId, string reference) => Log("tag", imageId, ImageReference.Normalize(reference).FamiliarString);

    /// <summary>What `rmi` did to <paramref name="image"/> (resolved, with its labels, before the removal): an untag per
    /// name, then delete, as dockerd logs them; layer steps are no events.</summary>
    public void Removed(StoredImage image, IReadOnlyDictionary<string, string> labels, IEnumerable<RemovalStep> steps)
    {
        var id = image.Record.Id;
        foreach (var step in steps)
        {
            if (step.Kind == "Untagged") Log("untag", id, labels: labels);
            else if (step.Value == id) Log("delete", id, labels: NoLabels);
        }
    }

    /// <summary>A prune over the images <paramref name="before"/> it: untag and delete per image, then "prune" with the
    /// space reclaimed, an event about no image in particular.</summary>
    public void Pruned(IReadOnlyList<StoredImage> before, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> labels, PruneResult result)
    {
        var byName = before.SelectMany(i => i.References.Select(r => (Name: ImageReference.Parse(r).FamiliarString, i.Record.Id))).ToLookup(p => p.Name, p => p.Id);
        var ids = before.Select(i => i.Record.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var step in result.Steps)
        {
            if (step.Kind == "Untagged" && byName[step.Value].FirstOrDefault() is { } owner) Log("untag", owner, labels: labels.GetValueOrDefault(owner) ?? NoLabels);
            else if (step.Kind == "Deleted" && ids.Contains(step.Value)) Log("delete", step.Value, labels: NoLabels);
        }
        bus.Publish(EventTypes.Image, "prune", "", new Dictionary<string, string> { ["reclaimed"] = result.SpaceReclaimed.ToString(CultureInfo.InvariantCulture) });
    }

    /// <summary>The labels of a stored image (none when it is gone or unreadable).</summary>
    public IReadOnlyDictionary<string, string> LabelsOf(string nameOrId)
    {
        try
        {
            return ImageConfig.Parse(store.ReadConfig(store.Resolve(nameOrId).Id)).Config?.Labels ?? NoLabels;
        }
        catch (StorageException)
        {
            return NoLabels;
        }
    }
}

using Berth.Oci.Image;
using Berth.Oci.Reference;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;

namespace Berth.Storage.Images;

/// <summary>One line of what `rmi` did: "Untagged" with a name, or "Deleted" with an image or layer digest.</summary>
public sealed record RemovalStep(string Kind, string Value);

public sealed partial class ImageStore
{
    /// <summary>Points repository:tag at an image (moving it from another image, which may become dangling).</summary>
    public void Tag(string source, string repository, string? tag)
    {
        var target = TagName(repository, tag);
        var image = Resolve(source);
        _db.Write(tx => tx.SetReference(target, image.Record.Id));
    }

    // The normalised name repository:tag gives (tag "latest" when none), checked as dockerd checks a new tag.
    private static string TagName(string repository, string? tag)
    {
        if (ImageReference.LooksLikeId(repository))
            throw new StorageException(400, $"invalid repository name ({repository}), cannot specify 64-byte hexadecimal strings");
        var text = string.IsNullOrEmpty(tag) ? repository : $"{repository}:{tag}";
        if (!ImageReference.TryParse(text, out var target, out var error)) throw new StorageException(400, error);
        if (target.Digest is not null) throw new StorageException(400, "refusing to create a tag with a digest reference");
        return target.WithDefaultTag().ToString();
    }

    /// <summary>`rmi`: a name with other names left only loses that name; otherwise the image goes, with the layers
    /// nothing else uses. An ID naming an image with several names needs force. An image containers were made from
    /// stays (their layers stand on it): dockerd's conflicts, with running(id) telling which of them run.</summary>
    public List<RemovalStep> Remove(string nameOrId, bool force, Func<string, bool>? running = null)
    {
        var image = Resolve(nameOrId);
        var steps = new List<RemovalStep>();
        var byName = ImageReference.TryParse(nameOrId, out var reference) && !IsIdOf(nameOrId, image);
        var layersToDelete = new List<string>();
        _db.Write(tx =>
        {
            var names = tx.ReferencesOf(image.Record.Id);
            var users = tx.ContainersOfImage(image.Record.Id);
            if (byName)
            {
                var name = (reference!.Digest is null ? reference.WithDefaultTag() : reference).ToString();
                if (names.Count == 1 && users.Count > 0 && !force)
                    throw new StorageException(409, $"conflict: unable to remove repository reference \"{nameOrId}\" (must force) - container {users[0][..12]} is using its referenced image {image.Id.Short}");
                tx.DeleteReference(name);
                steps.Add(new RemovalStep("Untagged", ImageReference.Parse(name).FamiliarString));
                if (names.Count > 1 || users.Count > 0) return;
            }
            else
            {
                if (users.FirstOrDefault(id => running?.Invoke(id) == true) is { } live)
                    throw new StorageException(409, $"conflict: unable to delete {image.Id.Short} (cannot be forced) - image is being used by running container {live[..12]}");
                if (users.Count > 0 && !force)
                    throw new StorageException(409, $"conflict: unable to delete {image.Id.Short} (must be forced) - image is being used by stopped container {users[0][..12]}");
                if (names.Count > 1 && !force)
                    throw new StorageException(409, $"conflict: unable to delete {image.Id.Short} (must be forced) - image is referenced in multiple repositories");
                foreach (var name in names)
                {
                    tx.DeleteReference(name);
                    steps.Add(new RemovalStep("Untagged", ImageReference.Parse(name).FamiliarString));
                }
                if (users.Count > 0) return;
            }
            tx.DeleteImage(image.Record.Id);
            steps.Add(new RemovalStep("Deleted", image.Record.Id));
            // Layers go from the top down while nothing else (image or child layer) stands on them.
            for (var chainId = image.Record.TopLayer; chainId != null;)
            {
                if (tx.LayerUsers(chainId) > 0) break;
                var layer = tx.GetLayer(chainId)!;
                tx.DeleteLayer(chainId);
                layersToDelete.Add(chainId);
                steps.Add(new RemovalStep("Deleted", chainId));
                chainId = layer.Parent;
            }
        });
        // Files after the transaction: a crash in between leaves unnamed folders, which Recover removes.
        foreach (var chainId in layersToDelete) LayerApplier.Delete(LayerPath(chainId));
        if (steps.Any(s => s.Kind == "Deleted" && s.Value == image.Record.Id)) _content.Delete(image.Id);
        return steps;
    }

    private static bool IsIdOf(string text, StoredImage image)
    {
        var hex = text.StartsWith(Digest.Sha256Prefix, StringComparison.Ordinal) ? text[Digest.Sha256Prefix.Length..] : text;
        return ImageReference.CouldBeIdPrefix(text) && image.Id.Hex.StartsWith(hex, StringComparison.Ordinal);
    }
}

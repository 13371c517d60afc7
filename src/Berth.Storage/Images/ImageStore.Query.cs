using Berth.Oci.Image;
using Berth.Oci.Reference;
using Berth.Storage.Metadata;

namespace Berth.Storage.Images;

/// <summary>An image with the names that point to it, as listing and inspecting show it.</summary>
public sealed record StoredImage(ImageRecord Record, IReadOnlyList<string> References)
{
    /// <summary>The image ID.</summary>
    public Digest Id => Digest.Parse(Record.Id);
}

public sealed partial class ImageStore
{
    /// <summary>Every image with its references.</summary>
    public List<StoredImage> List() => _db.Read(tx =>
    {
        var references = tx.ListReferences().ToLookup(r => r.ImageId, r => r.Name);
        return tx.ListImages().Select(i => new StoredImage(i, references[i.Id].ToList())).ToList();
    });

    /// <summary>Finds an image as Docker does: by full or short ID ("sha256:" optional), or by name, where a name
    /// without tag or digest means :latest. 404 "No such image: …" otherwise.</summary>
    public StoredImage Resolve(string nameOrId) => _db.Read(tx =>
    {
        var record = FindRecord(tx, nameOrId) ?? throw new StorageException(404, $"No such image: {MissingName(nameOrId)}");
        return new StoredImage(record, tx.ReferencesOf(record.Id));
    });

    // dockerd names a missing image as it looked it up: a name without tag or digest with :latest.
    private static string MissingName(string text)
        => !Digest.TryParse(text, out _) && ImageReference.TryParse(text, out var reference) ? reference.WithDefaultTag().FamiliarString : text;

    private static ImageRecord? FindRecord(MetadataTransaction tx, string nameOrId)
    {
        var text = nameOrId.Trim();
        if (text.Length == 0) return null;
        if (Digest.TryParse(text, out var fullId)) return tx.GetImage(fullId.ToString());
        if (ImageReference.TryParse(text, out var reference))
        {
            var name = (reference.Digest is null ? reference.WithDefaultTag() : reference).ToString();
            if (tx.ResolveReference(name) is { } id) return tx.GetImage(id);
        }
        // Docker tries a name first; an ID prefix matches only when it names exactly one image.
        if (ImageReference.CouldBeIdPrefix(text))
        {
            var matches = tx.FindImages(text);
            if (matches.Count == 1) return matches[0];
            if (matches.Count > 1) throw new StorageException(400, $"ambiguous image ID prefix {text}: it matches {matches.Count} images");
        }
        return null;
    }

    /// <summary>The image's config blob exactly as stored (its digest is the image ID).</summary>
    public byte[] ReadConfig(Digest id)
    {
        using var stream = _content.Open(id);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The image's layers from the base up (as RootFS lists them).</summary>
    public List<LayerRecord> Layers(ImageRecord image) => _db.Read(tx =>
    {
        var chain = tx.LayerChain(image.TopLayer);
        chain.Reverse();
        return chain;
    });
}

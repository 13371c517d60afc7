using Berth.Oci.Image;
using Berth.Oci.Reference;
using Berth.Storage.Archive;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;

namespace Berth.Storage.Images;

public sealed partial class ImageStore
{
    /// <summary>`docker save`: finds the images the names select, as dockerd does, and checks that every layer can be
    /// written back as its original tar. Nothing is written yet, so a bad name fails before any output.</summary>
    /// <remarks>A full ID selects the image without tags; "repo:tag" that one tag; "repo" every tag of the repository
    /// (or, with none, an image whose ID starts with it); a digest reference the image without tags.</remarks>
    public ImageExport Save(IReadOnlyList<string> names)
    {
        var selected = _db.Read(tx =>
        {
            var images = new List<(ImageRecord Image, List<ImageReference> Tags)>();
            foreach (var name in names)
                foreach (var (image, tag) in Select(tx, name))
                {
                    var entry = images.Find(i => i.Image.Id == image.Id);
                    if (entry.Image is null) images.Add(entry = (image, []));
                    if (tag is not null && !entry.Tags.Contains(tag)) entry.Tags.Add(tag);
                }
            return images;
        });
        var exported = new List<ExportedImage>();
        foreach (var (image, tags) in selected)
        {
            var layers = Layers(image).Select(l =>
                new ExportedLayer(LayerTarSplit.Open(LayerPath(l.ChainId), l.DiffId, Digest.Parse(l.DiffId)))).ToList();
            if (layers.Count == 0) throw new StorageException(500, "empty export - not implemented");
            exported.Add(new ExportedImage(ReadConfig(Digest.Parse(image.Id)), image.Created, layers, tags));
        }
        return new ImageExport(exported);
    }

    // Each image a name selects, with the tag it contributes (null: the image goes without a name).
    private static IEnumerable<(ImageRecord Image, ImageReference? Tag)> Select(MetadataTransaction tx, string name)
    {
        if (ImageReference.LooksLikeId(name))
        {
            var id = name.StartsWith(Digest.Sha256Prefix, StringComparison.Ordinal) ? name : Digest.Sha256Prefix + name;
            return [(tx.GetImage(id) ?? throw new StorageException(404, $"No such image: {name}"), null)];
        }
        if (!ImageReference.TryParse(name, out var reference, out var error)) throw new StorageException(400, error);
        if (reference.FamiliarName == "sha256") return [(ByIdPrefix(tx, name), null)];
        if (reference.Tag is null && reference.Digest is null)
        {
            var all = tx.ListReferences().Select(r => (Record: r, Reference: ImageReference.Parse(r.Name)))
                .Where(r => r.Reference.Name == reference.Name)
                .Select(r => (tx.GetImage(r.Record.ImageId)!, r.Reference.Digest is null ? r.Reference : null))
                .ToList();
            return all.Count > 0 ? all : [(ByIdPrefix(tx, name), null)];
        }
        var imageId = tx.ResolveReference(reference.ToString()) ?? throw new StorageException(404, "reference does not exist");
        return [(tx.GetImage(imageId)!, reference.Digest is null ? reference : null)];
    }

    private static ImageRecord ByIdPrefix(MetadataTransaction tx, string prefix)
    {
        var matches = ImageReference.CouldBeIdPrefix(prefix) ? tx.FindImages(prefix) : [];
        if (matches.Count > 1) throw new StorageException(400, $"ambiguous image ID prefix {prefix}: it matches {matches.Count} images");
        return matches.Count == 1 ? matches[0] : throw new StorageException(404, $"No such image: {prefix}");
    }
}

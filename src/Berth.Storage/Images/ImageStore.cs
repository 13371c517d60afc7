using Berth.Oci.Image;
using Berth.Storage.Archive;
using Berth.Storage.Content;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;

namespace Berth.Storage.Images;

/// <summary>Images on disk: configs in the content store, unpacked layers under layers/&lt;chain ID&gt;, and their
/// records and names in the metadata database. Files are complete before the one transaction that names them, so
/// a crash leaves at most unreferenced files, which <see cref="Recover"/> removes at start-up.</summary>
public sealed partial class ImageStore
{
    private readonly string _layers;
    private readonly string _tmp;
    private readonly IContentStore _content;
    private readonly MetadataDb _db;
    private readonly Lock _loadGate = new();

    /// <summary>Uses dataRoot's layers/ and tmp/ folders, the content store and the metadata database.</summary>
    public ImageStore(string dataRoot, IContentStore content, MetadataDb db)
    {
        _layers = Path.Combine(dataRoot, "layers");
        _tmp = Path.Combine(dataRoot, "tmp");
        _content = content;
        _db = db;
        Directory.CreateDirectory(_layers);
        Directory.CreateDirectory(_tmp);
    }

    /// <summary>The metadata database the store records into.</summary>
    public MetadataDb Metadata => _db;

    /// <summary>The directory holding an unpacked layer (an overlay lower dir).</summary>
    public string LayerPath(string chainId) => Path.Combine(_layers, Digest.Parse(chainId).Hex);

    /// <summary>Removes what a crash left: half-unpacked layers, and layer folders and tar-splits no record names.</summary>
    public void Recover()
    {
        LayerApplier.RemoveLeftovers(_layers);
        var known = _db.Read(tx => tx.ListLayerIds()).Select(id => Digest.Parse(id).Hex).ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(_layers))
            if (!known.Contains(Path.GetFileName(dir))) Interop.Fs.RemoveAll(dir);
        foreach (var split in Directory.EnumerateFiles(_layers, "*" + LayerTarSplit.FileSuffix))
            if (!known.Contains(Path.GetFileName(split)[..^LayerTarSplit.FileSuffix.Length])) File.Delete(split);
    }

    /// <summary>Loads every image of a `docker save` or OCI layout tarball (plain or compressed, as docker load takes
    /// them); progress hears how far each new layer's unpacking has read, stored of each image once it is stored.</summary>
    public List<LoadedImage> Load(Stream archive, Action<LayerProgress>? progress = null, Action<LoadedImage>? stored = null)
    {
        // One load at a time: two loads of the same layer would race for its folder.
        lock (_loadGate)
        {
            using var tar = LayerDecompression.Decompress(archive);
            using var staged = StagedArchive.Unpack(tar, _tmp);
            var images = ImageArchiveReader.Read(staged);
            var loaded = new List<LoadedImage>();
            foreach (var image in images)
            {
                loaded.Add(Store(staged, image, progress));
                stored?.Invoke(loaded[^1]);
            }
            return loaded;
        }
    }

    private LoadedImage Store(StagedArchive staged, ArchiveImage image, Action<LayerProgress>? progress)
    {
        // Until its transaction names them, everything this image writes is taken back on failure.
        var undo = new LoadUndo(_content);
        try { return Store(staged, image, progress, undo); }
        catch
        {
            undo.Run();
            throw;
        }
    }

    private LoadedImage Store(StagedArchive staged, ArchiveImage image, Action<LayerProgress>? progress, LoadUndo undo)
    {
        var id = image.Id;
        var newLayers = new List<LayerRecord>();
        string? parent = null;
        long imageSize = 0;
        foreach (var layer in image.Layers)
        {
            var chainId = (parent is null ? layer.DiffId : ChainId.Next(Digest.Parse(parent), layer.DiffId)).ToString();
            var existing = _db.Read(tx => tx.GetLayer(chainId));
            if (existing is null)
            {
                existing = Unpack(staged, layer, chainId, parent, progress, undo);
                newLayers.Add(existing);
            }
            imageSize += existing.Size;
            parent = chainId;
        }

        // The config last: a crash before the transaction then leaves as little as possible unnamed.
        using (var config = new MemoryStream(image.ConfigBytes, writable: false))
            undo.Ingest(config, id, image.ConfigBytes.Length);
        var created = image.Config.CreatedTime ?? DateTimeOffset.UnixEpoch;
        var names = image.Names;
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        _db.Write(tx =>
        {
            foreach (var layer in newLayers) tx.PutLayer(layer);
            var known = tx.GetImage(id.ToString());
            tx.PutImage(new ImageRecord(id.ToString(), parent, known?.Parent, created, imageSize, known?.Loaded ?? DateTimeOffset.UtcNow));
            replaced.Clear();
            foreach (var name in names)
                if (tx.SetReference(name, id.ToString()) is { } previous) replaced[name] = previous;
        });
        return new LoadedImage(id, names, replaced);
    }

    private LayerRecord Unpack(StagedArchive staged, ArchiveLayer layer, string chainId, string? parent,
        Action<LayerProgress>? progress, LoadUndo undo)
    {
        Stream source;
        if (layer.BlobDigest is { } blob)
        {
            // OCI blobs are checked against the manifest's digest and size on their way into the content store.
            using (var file = staged.Open(layer.Path)) undo.Ingest(file, blob, layer.BlobSize);
            source = _content.Open(blob);
        }
        else source = staged.Open(layer.Path);
        try
        {
            var record = UnpackLayer(LoadProgress.Watch(source, layer.DiffId.Short, progress), chainId, parent, layer.DiffId,
                actual => $"layer {layer.Path} does not match the image config: its content hashes to {actual}, the config says {layer.DiffId}");
            undo.Created(LayerPath(chainId));
            return record;
        }
        finally
        {
            // Like dockerd, the unpacked layer is what is kept; the compressed blob is not needed again.
            if (layer.BlobDigest is { } used && _content.Delete(used)) undo.Removed(used);
        }
    }

    /// <summary>The one path from a layer stream (plain, gzip or zstd; disposed here) to an unpacked layer folder
    /// and its record, shared by load and import; mismatch words the error when the content is not diffId.</summary>
    private LayerRecord UnpackLayer(Stream source, string chainId, string? parent, Digest diffId, Func<Digest, string> mismatch)
    {
        var target = LayerPath(chainId);
        // A folder without a record is a leftover of an interrupted load: start it again.
        if (Directory.Exists(target)) LayerApplier.Delete(target);
        LayerApplyResult applied;
        using (source) applied = LayerApplier.Apply(source, target);
        if (applied.DiffId != diffId)
        {
            LayerApplier.Delete(target);
            throw new StorageException(400, mismatch(applied.DiffId));
        }
        return new LayerRecord(chainId, diffId.ToString(), parent, LayerSize.Of(target), DateTimeOffset.UtcNow);
    }
}

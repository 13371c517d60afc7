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

    /// <summary>Removes what a crash left: half-unpacked layers, and layer folders, tar-splits and configs no record names.</summary>
    public void Recover()
    {
        LayerApplier.RemoveLeftovers(_layers);
        var known = _db.Read(tx => tx.ListLayerIds()).Select(id => Digest.Parse(id).Hex).ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(_layers))
            if (!known.Contains(Path.GetFileName(dir))) Interop.Fs.RemoveAll(dir);
        foreach (var split in Directory.EnumerateFiles(_layers, "*" + LayerTarSplit.FileSuffix))
            if (!known.Contains(Path.GetFileName(split)[..^LayerTarSplit.FileSuffix.Length])) File.Delete(split);
        // Image configs are the only blobs the store keeps (layers live unpacked), so a blob no image names was
        // stored by a load or import that a crash stopped before its transaction.
        var images = _db.Read(tx => tx.ListImages()).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var blob in _content.List().ToList())
            if (!images.Contains(blob.ToString())) _content.Delete(blob);
    }

    /// <summary>Loads every image of a `docker save` or OCI layout tarball (plain or compressed, as docker load takes
    /// them); progress hears how far each new layer's unpacking has read, stored of each image once it is recorded.</summary>
    /// <remarks>New layers are unpacked without a flush each (several at once when nobody watches the progress); the
    /// staged archive is deleted first, so its pages never reach the disk, then one syncfs makes every new layer
    /// durable before the one transaction that records the whole load. A failure takes back everything this load
    /// wrote and records nothing.</remarks>
    public List<LoadedImage> Load(Stream archive, Action<LayerProgress>? progress = null, Action<LoadedImage>? stored = null)
    {
        // One load at a time: two loads of the same layer would race for its folder.
        lock (_loadGate)
        {
            var undo = new LoadUndo(_content);
            try
            {
                var unpacked = new UnpackedLayers();
                List<PendingImage> pending;
                using (var tar = LayerDecompression.Decompress(archive))
                using (var staged = StagedArchive.Unpack(tar, _tmp))
                    pending = ImageArchiveReader.Read(staged).Select(image => Prepare(staged, image, unpacked, progress, undo)).ToList();
                if (unpacked.Count > 0) Interop.Fs.SyncFilesystem(_layers);
                var loaded = new List<LoadedImage>();
                _db.Write(tx =>
                {
                    loaded.Clear();
                    foreach (var layer in unpacked.Records) tx.PutLayer(layer);
                    foreach (var image in pending) loaded.Add(Record(tx, image));
                });
                foreach (var image in loaded) stored?.Invoke(image);
                return loaded;
            }
            catch
            {
                undo.Run();
                throw;
            }
        }
    }

    /// <summary>An image whose files are in place, waiting for the transaction that records it.</summary>
    private sealed record PendingImage(Digest Id, string? TopLayer, DateTimeOffset Created, long Size, IReadOnlyList<string> Names);

    private PendingImage Prepare(StagedArchive staged, ArchiveImage image, UnpackedLayers unpacked,
        Action<LayerProgress>? progress, LoadUndo undo)
    {
        var chain = new List<(ArchiveLayer Layer, string ChainId, string? Parent)>();
        string? parent = null;
        foreach (var layer in image.Layers)
        {
            var chainId = (parent is null ? layer.DiffId : ChainId.Next(Digest.Parse(parent), layer.DiffId)).ToString();
            chain.Add((layer, chainId, parent));
            parent = chainId;
        }
        var missing = chain.Where(c => !unpacked.Contains(c.ChainId) && _db.Read(tx => tx.GetLayer(c.ChainId)) is null)
            .DistinctBy(c => c.ChainId).ToList();
        unpacked.AddRange(UnpackAll(staged, missing, progress, undo));

        // The config after the layers: a crash before the transaction then leaves as little as possible unnamed.
        using (var config = new MemoryStream(image.ConfigBytes, writable: false))
            undo.Ingest(config, image.Id, image.ConfigBytes.Length);
        long imageSize = 0;
        foreach (var (_, chainId, _) in chain)
            imageSize += (unpacked.Get(chainId) ?? _db.Read(tx => tx.GetLayer(chainId))!).Size;
        return new PendingImage(image.Id, parent, image.Config.CreatedTime ?? DateTimeOffset.UnixEpoch, imageSize, image.Names);
    }

    private static LoadedImage Record(MetadataTransaction tx, PendingImage image)
    {
        var id = image.Id.ToString();
        var known = tx.GetImage(id);
        tx.PutImage(new ImageRecord(id, image.TopLayer, known?.Parent, image.Created, image.Size, known?.Loaded ?? DateTimeOffset.UtcNow));
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in image.Names)
            if (tx.SetReference(name, id) is { } previous) replaced[name] = previous;
        return new LoadedImage(image.Id, image.Names, replaced);
    }

    /// <summary>The one path from a layer stream (plain, gzip or zstd; the caller's to dispose) to an unpacked layer
    /// folder and its record, shared by load and import; mismatch words the error when the content is not diffId.
    /// Not durable means not flushed: the caller syncs before it records the layer.</summary>
    private LayerRecord UnpackLayer(Stream source, string chainId, string? parent, Digest diffId, bool durable,
        Func<Digest, string> mismatch)
    {
        var target = LayerPath(chainId);
        // A folder without a record is a leftover of an interrupted load: start it again.
        if (Directory.Exists(target)) LayerApplier.Delete(target);
        var applied = LayerApplier.Apply(source, target, durable);
        if (applied.DiffId != diffId)
        {
            LayerApplier.Delete(target);
            throw new StorageException(400, mismatch(applied.DiffId));
        }
        return new LayerRecord(chainId, diffId.ToString(), parent, LayerSize.Of(target), DateTimeOffset.UtcNow);
    }
}

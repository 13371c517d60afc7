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

    /// <summary>Removes what a crash left: half-unpacked layers and layer folders no record names.</summary>
    public void Recover()
    {
        LayerApplier.RemoveLeftovers(_layers);
        var known = _db.Read(tx => tx.ListLayerIds()).Select(id => Digest.Parse(id).Hex).ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(_layers))
            if (!known.Contains(Path.GetFileName(dir))) Interop.Fs.RemoveAll(dir);
    }

    /// <summary>Loads every image of a `docker save` or OCI layout tarball; progress receives one line per step.</summary>
    /// <remarks>New layers are unpacked (several at once) without a flush each; the staged archive is deleted first,
    /// so its pages never reach the disk, then one syncfs makes every new layer durable before the one transaction
    /// that records the whole load. A failure removes this load's layer folders and records nothing.</remarks>
    public List<LoadedImage> Load(Stream archive, Action<string>? progress = null)
    {
        // One load at a time: two loads of the same layer would race for its folder.
        lock (_loadGate)
        {
            var unpacked = new UnpackedLayers();
            try
            {
                List<PendingImage> pending;
                using (var staged = StagedArchive.Unpack(archive, _tmp))
                    pending = ImageArchiveReader.Read(staged).Select(image => Prepare(staged, image, unpacked, progress)).ToList();
                if (unpacked.Count > 0) Interop.Fs.SyncFilesystem(_layers);
                _db.Write(tx =>
                {
                    foreach (var layer in unpacked.Records) tx.PutLayer(layer);
                    foreach (var image in pending) Record(tx, image);
                });
                return pending.Select(image => new LoadedImage(image.Id, image.Names)).ToList();
            }
            catch
            {
                unpacked.RemoveAll(this);
                throw;
            }
        }
    }

    /// <summary>An image whose files are in place, waiting for the transaction that records it.</summary>
    private sealed record PendingImage(Digest Id, string? TopLayer, DateTimeOffset Created, long Size, IReadOnlyList<string> Names);

    private PendingImage Prepare(StagedArchive staged, ArchiveImage image, UnpackedLayers unpacked, Action<string>? progress)
    {
        var id = image.Id;
        using (var config = new MemoryStream(image.ConfigBytes, writable: false))
            _content.Ingest(config, id, image.ConfigBytes.Length);

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
        foreach (var (layer, _, _) in missing) progress?.Invoke($"Loading layer {layer.DiffId.Short}");
        unpacked.AddRange(UnpackAll(staged, missing));

        long imageSize = 0;
        foreach (var (_, chainId, _) in chain)
            imageSize += (unpacked.Get(chainId) ?? _db.Read(tx => tx.GetLayer(chainId))!).Size;
        return new PendingImage(id, parent, image.Config.CreatedTime ?? DateTimeOffset.UnixEpoch, imageSize, image.Names);
    }

    private static void Record(MetadataTransaction tx, PendingImage image)
    {
        var id = image.Id.ToString();
        var known = tx.GetImage(id);
        tx.PutImage(new ImageRecord(id, image.TopLayer, known?.Parent, image.Created, image.Size, known?.Loaded ?? DateTimeOffset.UtcNow));
        foreach (var name in image.Names) tx.SetReference(name, id);
    }
}

using System.Runtime.ExceptionServices;
using Berth.Oci.Image;
using Berth.Storage.Archive;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;

namespace Berth.Storage.Images;

public sealed partial class ImageStore
{
    /// <summary>The layers one load has unpacked so far, in the order their records must be written (parents first).</summary>
    private sealed class UnpackedLayers
    {
        private readonly List<LayerRecord> _records = [];
        private readonly Dictionary<string, LayerRecord> _byChainId = new(StringComparer.Ordinal);

        internal int Count => _records.Count;

        internal IReadOnlyList<LayerRecord> Records => _records;

        internal bool Contains(string chainId) => _byChainId.ContainsKey(chainId);

        internal LayerRecord? Get(string chainId) => _byChainId.GetValueOrDefault(chainId);

        internal void AddRange(IEnumerable<LayerRecord> records)
        {
            foreach (var record in records)
            {
                _records.Add(record);
                _byChainId[record.ChainId] = record;
            }
        }
    }

    // Layers are independent folders (each holds only its own files), so an image's new layers unpack side by side:
    // unpacking is mostly waiting for the filesystem to create inodes, which overlaps well.
    // When a client watches the progress, layers go one by one as dockerd sends them.
    private List<LayerRecord> UnpackAll(StagedArchive staged, List<(ArchiveLayer Layer, string ChainId, string? Parent)> layers,
        Action<LayerProgress>? progress, LoadUndo undo)
    {
        var records = new LayerRecord?[layers.Count];
        var errors = new Exception?[layers.Count];
        var parallelism = progress is null ? Environment.ProcessorCount : 1;
        Parallel.For(0, layers.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, i =>
        {
            try { records[i] = Unpack(staged, layers[i].Layer, layers[i].ChainId, layers[i].Parent, progress); }
            catch (Exception e) { errors[i] = e; }
        });
        foreach (var record in records)
            if (record is not null) undo.Created(LayerPath(record.ChainId));
        // The first failing layer in image order, with its own type and stack, as a sequential load would throw.
        if (errors.FirstOrDefault(e => e is not null) is { } first) ExceptionDispatchInfo.Throw(first);
        return records.Select(r => r!).ToList();
    }

    private LayerRecord Unpack(StagedArchive staged, ArchiveLayer layer, string chainId, string? parent, Action<LayerProgress>? progress)
    {
        // The uncompressed tar's digest is checked against the config's diffID after the apply. An OCI blob is also
        // hashed as read, against the manifest's digest and size, instead of being copied to the content store first:
        // like dockerd, the unpacked layer is what is kept, and the compressed blob is not needed again.
        using var file = LoadProgress.Watch(staged.Open(layer.Path), layer.DiffId.Short, progress);
        using var blob = layer.BlobDigest is null ? null : new HashingStream(file);
        var source = blob ?? file;
        LayerRecord record;
        try
        {
            record = UnpackLayer(source, chainId, parent, layer.DiffId, durable: false,
                actual => $"layer {layer.Path} does not match the image config: its content hashes to {actual}, the config says {layer.DiffId}");
        }
        catch (StorageException) when (blob is not null && BlobMismatch(layer, blob) is { } mismatch)
        {
            // A blob that is not what the manifest promised: that is the error, whatever the bytes did to the unpack.
            throw mismatch;
        }
        if (blob is not null && BlobMismatch(layer, blob) is { } wrongBlob)
        {
            LayerApplier.Delete(LayerPath(chainId));
            throw wrongBlob;
        }
        return record;
    }

    /// <summary>Reads the rest of the blob and compares it with the manifest's descriptor; null when it matches.</summary>
    private static DigestMismatchException? BlobMismatch(ArchiveLayer layer, HashingStream blob)
    {
        var actual = blob.Finish();
        if (actual == layer.BlobDigest && (layer.BlobSize is not { } size || size == blob.Length64)) return null;
        return new DigestMismatchException($"blob {layer.BlobDigest} does not match its descriptor: got {actual} ({blob.Length64} bytes"
            + (layer.BlobSize is { } w ? $", expected {w})" : ")"));
    }
}

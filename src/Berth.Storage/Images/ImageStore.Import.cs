using Berth.Oci.Image;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;

namespace Berth.Storage.Images;

public sealed partial class ImageStore
{
    /// <summary>Makes a one-layer image from a root filesystem tarball (plain, gzip or zstd) at tarPath: the layer is
    /// unpacked as load unpacks layers, configFor builds the config from the layer's DiffID, and one transaction
    /// records layer, image and names (each name moves to the new image). A bad tarball changes nothing.</summary>
    public Digest Import(string tarPath, Func<Digest, byte[]> configFor, IReadOnlyList<string> names)
    {
        lock (_loadGate)
        {
            // The DiffID names the layer folder, so it is measured before the unpack that shares load's path.
            var diffId = DiffIdOf(tarPath);
            var chainId = diffId.ToString();
            var layer = _db.Read(tx => tx.GetLayer(chainId));
            LayerRecord? added = null;
            if (layer is null)
            {
                using var tar = File.OpenRead(tarPath);
                layer = added = UnpackLayer(tar, chainId, null, diffId, durable: true,
                    actual => $"the tarball changed while it was imported: it hashed to {diffId}, then to {actual}");
            }
            try
            {
                var config = configFor(diffId);
                var id = ImageConfig.IdOf(config);
                using (var stream = new MemoryStream(config, writable: false)) _content.Ingest(stream, id, config.Length);
                var created = ImageConfig.Parse(config).CreatedTime ?? DateTimeOffset.UtcNow;
                _db.Write(tx =>
                {
                    if (added is not null) tx.PutLayer(added);
                    tx.PutImage(new ImageRecord(id.ToString(), chainId, null, created, layer.Size, DateTimeOffset.UtcNow));
                    foreach (var name in names) tx.SetReference(name, id.ToString());
                });
                return id;
            }
            catch when (added is not null)
            {
                LayerApplier.Delete(LayerPath(chainId));
                throw;
            }
        }
    }

    private static Digest DiffIdOf(string tarPath)
    {
        using var file = File.OpenRead(tarPath);
        try
        {
            using var tar = LayerDecompression.Decompress(file);
            return Digest.Of(tar);
        }
        catch (Exception e) when (e is InvalidDataException or ZstdSharp.ZstdException or EndOfStreamException)
        {
            throw new InvalidLayerException($"the tarball's compressed stream is corrupt: {e.Message}", e);
        }
    }
}

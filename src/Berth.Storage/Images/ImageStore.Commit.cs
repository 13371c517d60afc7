using Berth.Oci.Image;
using Berth.Storage.Containers;
using Berth.Storage.Layers;
using Berth.Storage.Metadata;

namespace Berth.Storage.Images;

public sealed partial class ImageStore
{
    /// <summary>`docker commit`: the upper dir's changes become a layer on the parent image's (whiteouts as .wh. files,
    /// opaque directories as .wh..wh..opq, hardlinks kept), unpacked and recorded like a loaded layer so `save` can
    /// write it again; the new config (<see cref="CommitConfig"/>) names the parent's layers plus this one. An upper
    /// dir with no changes adds no layer, only an empty_layer history entry, as dockerd does. One transaction records
    /// layer, image (parent = the container's image) and name; a failure leaves nothing behind.</summary>
    public Digest Commit(CommitRequest request)
    {
        var name = request.Repository is { Length: > 0 } repository ? TagName(repository, request.Tag) : null;
        lock (_loadGate)
        {
            var parent = request.ParentImageId is null ? null : Resolve(request.ParentImageId).Record;
            var parentConfig = parent is null ? null : ReadConfig(Digest.Parse(parent.Id));
            var spool = Path.Combine(_tmp, "commit-" + Guid.NewGuid().ToString("N") + ".tar");
            LayerRecord? added = null;
            try
            {
                var layer = NewLayer(request.UpperDir, parent?.TopLayer, spool, out added);
                var created = DateTimeOffset.UtcNow;
                var config = CommitConfig.Build(parentConfig, layer is null ? null : Digest.Parse(layer.DiffId), request, created);
                var id = ImageConfig.IdOf(config);
                using (var stream = new MemoryStream(config, writable: false)) _content.Ingest(stream, id, config.Length);
                var size = (parent?.Size ?? 0) + (layer?.Size ?? 0);
                _db.Write(tx =>
                {
                    if (added is not null) tx.PutLayer(added);
                    tx.PutImage(new ImageRecord(id.ToString(), layer?.ChainId ?? parent?.TopLayer, parent?.Id, created, size, created));
                    if (name is not null) tx.SetReference(name, id.ToString());
                });
                return id;
            }
            catch
            {
                if (added is not null) LayerApplier.Delete(LayerPath(added.ChainId));
                throw;
            }
            finally
            {
                File.Delete(spool);
            }
        }
    }

    // The layer holding upperDir's changes (one the store already has with the same chain is reused); null when there
    // are none. The tar goes through a file because its DiffID names the layer folder before the unpack.
    private LayerRecord? NewLayer(string upperDir, string? parentChain, string spool, out LayerRecord? added)
    {
        added = null;
        if (!Directory.EnumerateFileSystemEntries(upperDir).Any()) return null;
        Digest diffId;
        using (var tar = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            diffId = LayerDiff.Write(upperDir, tar);
        var chainId = (parentChain is null ? diffId : ChainId.Next(Digest.Parse(parentChain), diffId)).ToString();
        if (_db.Read(tx => tx.GetLayer(chainId)) is { } existing) return existing;
        using (var tar = File.OpenRead(spool))
            added = UnpackLayer(tar, chainId, parentChain, diffId, durable: true,
                actual => $"the container's changes were written as {diffId} but unpacked as {actual}");
        return added;
    }
}

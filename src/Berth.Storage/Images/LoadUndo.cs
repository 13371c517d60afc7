using Berth.Oci.Image;
using Berth.Storage.Content;

namespace Berth.Storage.Images;

/// <summary>What one image's load has written so far (layer folders and blobs no record names yet), so that a
/// failure can take it all back and leave the store as it was.</summary>
internal sealed class LoadUndo(IContentStore content)
{
    private readonly List<string> _folders = [];
    private readonly List<Digest> _blobs = [];

    /// <summary>Ingests a blob, remembering it when this load is what put it there.</summary>
    public void Ingest(Stream data, Digest digest, long? size)
    {
        var isNew = !content.Exists(digest);
        content.Ingest(data, digest, size);
        if (isNew) _blobs.Add(digest);
    }

    /// <summary>Remembers a layer folder this load unpacked.</summary>
    public void Created(string folder) => _folders.Add(folder);

    /// <summary>Removes everything remembered; called only before the transaction that would have named it.</summary>
    public void Run()
    {
        foreach (var folder in _folders) Layers.LayerApplier.Delete(folder);
        foreach (var blob in _blobs) content.Delete(blob);
    }
}

using Berth.Oci.Image;

namespace Berth.Storage.Content;

/// <summary>Blobs addressed by their digest: written once after verification, read many times.</summary>
public interface IContentStore
{
    /// <summary>Stores content if it hashes to expected (and measures expectedSize when given); returns its size.</summary>
    long Ingest(Stream content, Digest expected, long? expectedSize = null);

    /// <summary>Opens a blob for reading; BlobNotFoundException when absent.</summary>
    Stream Open(Digest digest);

    /// <summary>Whether the blob is stored.</summary>
    bool Exists(Digest digest);

    /// <summary>The blob's size in bytes; BlobNotFoundException when absent.</summary>
    long Size(Digest digest);

    /// <summary>Removes a blob; false when it was not there.</summary>
    bool Delete(Digest digest);

    /// <summary>Every stored blob, in no particular order.</summary>
    IEnumerable<Digest> List();
}

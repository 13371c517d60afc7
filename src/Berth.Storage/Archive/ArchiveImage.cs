using Berth.Oci.Image;

namespace Berth.Storage.Archive;

/// <summary>One layer of an image in an archive: where its bytes are, and what they must hash to.</summary>
/// <param name="Path">The file's name inside the archive.</param>
/// <param name="DiffId">The digest of the uncompressed layer tar, from the image config.</param>
/// <param name="BlobDigest">For OCI layouts, the digest of the (possibly compressed) blob, from the manifest.</param>
/// <param name="BlobSize">The blob's size from the manifest, when known.</param>
public sealed record ArchiveLayer(string Path, Digest DiffId, Digest? BlobDigest, long? BlobSize);

/// <summary>An image found in an archive: its exact config bytes (whose digest is the image ID), layers and names.</summary>
public sealed record ArchiveImage(byte[] ConfigBytes, ImageConfig Config, IReadOnlyList<ArchiveLayer> Layers, IReadOnlyList<string> Names)
{
    /// <summary>The image ID: the digest of the config exactly as stored.</summary>
    public Digest Id => ImageConfig.IdOf(ConfigBytes);
}

using System.Security.Cryptography;
using Berth.Oci.Image;
using Berth.Storage.Interop;

namespace Berth.Storage.Content;

/// <summary>The blob store on disk: &lt;root&gt;/content/blobs/sha256/&lt;hex&gt;, written through &lt;root&gt;/tmp so a
/// blob appears whole and verified or not at all.</summary>
public sealed class ContentStore : IContentStore
{
    private readonly string _blobs;
    private readonly string _tmp;

    /// <summary>A store under root (the daemon's data root); creates its folders.</summary>
    public ContentStore(string root)
    {
        _blobs = Path.Combine(root, "content", "blobs", "sha256");
        _tmp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_tmp);
    }

    /// <inheritdoc/>
    /// <remarks>When the blob is already stored the stream is not read: a digest names one content only.</remarks>
    public long Ingest(Stream content, Digest expected, long? expectedSize = null)
    {
        var final = BlobPath(expected);
        if (File.Exists(final))
        {
            var size = new FileInfo(final).Length;
            if (expectedSize is { } want && want != size)
                throw new DigestMismatchException($"blob {expected} does not match its descriptor: the descriptor says {want} bytes, the stored blob has {size}");
            return size;
        }

        var temp = Path.Combine(_tmp, "ingest-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        try
        {
            long written;
            Digest actual;
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                written = Copy(content, output, hash, expected, expectedSize);
                actual = Digest.FromHash(hash.GetHashAndReset());
                if (actual != expected || (expectedSize is { } want && want != written))
                    throw new DigestMismatchException($"blob {expected} does not match its descriptor: got {actual} ({written} bytes"
                        + (expectedSize is { } w ? $", expected {w})" : ")"));
                output.Flush(flushToDisk: true);
            }
            File.Move(temp, final, overwrite: true);
            Fs.SyncDirectory(_blobs);
            return written;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc/>
    public Stream Open(Digest digest)
    {
        try
        {
            return new FileStream(BlobPath(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (FileNotFoundException)
        {
            throw NotFound(digest);
        }
    }

    /// <inheritdoc/>
    public bool Exists(Digest digest) => File.Exists(BlobPath(digest));

    /// <inheritdoc/>
    public long Size(Digest digest)
    {
        var info = new FileInfo(BlobPath(digest));
        return info.Exists ? info.Length : throw NotFound(digest);
    }

    /// <inheritdoc/>
    public bool Delete(Digest digest)
    {
        var path = BlobPath(digest);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    /// <inheritdoc/>
    public IEnumerable<Digest> List()
    {
        foreach (var file in Directory.EnumerateFiles(_blobs))
            if (Digest.TryParse(Digest.Sha256Prefix + Path.GetFileName(file), out var d))
                yield return d;
    }

    /// <summary>Removes leftovers of interrupted ingests and unpacks in tmp/; the daemon calls it at start-up,
    /// before anything else writes there.</summary>
    public void CleanTemp()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(_tmp))
            Fs.RemoveAll(entry);
    }

    /// <summary>The file a blob lives in.</summary>
    public string BlobPath(Digest digest) => Path.Combine(_blobs, digest.Hex);

    private static long Copy(Stream input, Stream output, IncrementalHash hash, Digest expected, long? expectedSize)
    {
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = input.Read(buffer)) > 0)
        {
            total += n;
            // Stop early on an oversized blob: a hostile registry must not be able to fill the disk.
            if (expectedSize is { } want && total > want)
                throw new DigestMismatchException($"blob {expected} does not match its descriptor: more than the {want} bytes it declares");
            hash.AppendData(buffer, 0, n);
            output.Write(buffer, 0, n);
        }
        return total;
    }

    private static BlobNotFoundException NotFound(Digest digest) => new($"blob {digest} not found");
}

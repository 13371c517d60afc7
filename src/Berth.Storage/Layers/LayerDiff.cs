using System.Formats.Tar;
using Berth.Oci.Image;
using Berth.Storage.Interop;

namespace Berth.Storage.Layers;

/// <summary>Writes an overlay upper dir as an uncompressed OCI layer tar: whiteout devices become .wh. entries and
/// opaque directories get .wh..wh..opq, so the result unpacks (here or in Docker) to the same changes.</summary>
/// <remarks>Entries are in depth-first order with names sorted ordinally, and times come from the files, so the same
/// upper dir always gives the same bytes and the same DiffID.</remarks>
public static class LayerDiff
{
    /// <summary>Writes upperDir's changes to output as a tar and returns its DiffID; output stays open.</summary>
    public static Digest Write(string upperDir, Stream output)
    {
        upperDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(upperDir));
        if (Fs.Lstat(upperDir) is not { IsDirectory: true })
            throw new StorageException(404, $"cannot diff {upperDir}: not a directory");
        using var hashing = new HashingWriteStream(output);
        using (var writer = new TarWriter(hashing, TarEntryFormat.Pax, leaveOpen: true))
            new TreeTarWriter(writer, overlayMarkers: true).WriteChildren(upperDir, "");
        hashing.Flush();
        return hashing.Digest();
    }
}

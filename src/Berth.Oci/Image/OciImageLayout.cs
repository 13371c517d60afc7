using System.Text.Json;

namespace Berth.Oci.Image;

/// <summary>Reads an OCI image layout directory: the oci-layout marker, index.json, and blobs/sha256/&lt;hex&gt;,
/// each blob checked against the descriptor that led to it.</summary>
public static class OciImageLayout
{
    /// <summary>The marker file's name.</summary>
    public const string LayoutFileName = "oci-layout";
    /// <summary>The entry point's name.</summary>
    public const string IndexFileName = "index.json";
    /// <summary>The directory holding blobs, by algorithm then hex.</summary>
    public const string BlobsDirectoryName = "blobs";

    /// <summary>Reads the oci-layout file; throws InvalidDataException if it is missing or of a version other than 1.x.</summary>
    public static OciLayoutFile ReadLayoutFile(string directory)
    {
        var path = Path.Combine(directory, LayoutFileName);
        if (!File.Exists(path)) throw new InvalidDataException($"{directory} is not an OCI image layout: no {LayoutFileName} file");
        var layout = JsonSerializer.Deserialize(File.ReadAllBytes(path), ImageJsonContext.Default.OciLayoutFile)
            ?? throw new InvalidDataException($"{path} is null");
        // Minor versions promise compatibility; a new major would not.
        if (!layout.ImageLayoutVersion.StartsWith("1.", StringComparison.Ordinal))
            throw new InvalidDataException($"unsupported OCI image layout version {layout.ImageLayoutVersion}");
        return layout;
    }

    /// <summary>Checks the layout marker and reads index.json.</summary>
    public static ImageIndex ReadIndex(string directory)
    {
        ReadLayoutFile(directory);
        return ImageIndex.Parse(File.ReadAllBytes(Path.Combine(directory, IndexFileName)));
    }

    /// <summary>Where a blob lives in the layout.</summary>
    public static string BlobPath(string directory, Digest digest)
        => Path.Combine(directory, BlobsDirectoryName, "sha256", digest.Hex);

    /// <summary>Reads a blob and checks its size and digest against the descriptor; throws InvalidDataException on
    /// a mismatch, because a layout is input from outside and a wrong blob must not be trusted.</summary>
    public static byte[] ReadBlob(string directory, Descriptor descriptor)
    {
        var path = BlobPath(directory, descriptor.Digest);
        if (!File.Exists(path)) throw new InvalidDataException($"blob {descriptor.Digest} is missing from the layout");
        var bytes = File.ReadAllBytes(path);
        if (bytes.LongLength != descriptor.Size)
            throw new InvalidDataException($"blob {descriptor.Digest} has {bytes.LongLength} bytes, its descriptor says {descriptor.Size}");
        var actual = Digest.Of(bytes);
        if (actual != descriptor.Digest)
            throw new InvalidDataException($"blob {descriptor.Digest} has digest {actual}");
        return bytes;
    }

    /// <summary>Reads and parses the manifest a descriptor points at.</summary>
    public static Manifest ReadManifest(string directory, Descriptor descriptor)
        => Manifest.Parse(ReadBlob(directory, descriptor));
}

using System.IO.Compression;

namespace Berth.Storage.Layers;

/// <summary>Recognises a layer's compression by its magic bytes, as Docker does, rather than trusting a media type.</summary>
public static class LayerDecompression
{
    /// <summary>"gzip", "zstd", "bzip2", "xz" or "none" for the first bytes of a layer.</summary>
    public static string Detect(ReadOnlySpan<byte> head)
        => head switch
        {
            [0x1f, 0x8b, ..] => "gzip",
            [0x28, 0xb5, 0x2f, 0xfd, ..] => "zstd",
            [0x42, 0x5a, 0x68, ..] => "bzip2",
            [0xfd, 0x37, 0x7a, 0x58, ..] => "xz",
            _ => "none",
        };

    /// <summary>The uncompressed tar stream of a layer, whatever its compression; raw stays the caller's to dispose.</summary>
    public static Stream Decompress(Stream raw)
    {
        var head = new byte[6];
        var got = 0;
        int n;
        while (got < head.Length && (n = raw.Read(head, got, head.Length - got)) > 0) got += n;
        var prefix = head[..got];
        Stream joined = new PrefixedStream(prefix, raw);
        return Detect(prefix) switch
        {
            "gzip" => new GZipStream(joined, CompressionMode.Decompress),
            "zstd" => new ZstdSharp.DecompressionStream(joined),
            // Docker reads these too; Berth refuses them clearly rather than failing later as "not a tar".
            "bzip2" or "xz" => throw new InvalidLayerException($"{Detect(prefix)}-compressed archives are not supported: use a plain, gzip or zstd tarball"),
            _ => joined,
        };
    }
}

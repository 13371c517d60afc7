namespace Berth.Storage.Layers;

/// <summary>The on-disk shape of a layer's tar-split file, shared by the recorder and the reader.</summary>
/// <remarks>A fixed header (magic, flags, tar length, DiffID), which the recorder fills in last and which lets a save
/// size the layer without a pass; then a gzip stream of records: raw tar bytes verbatim, or a reference to a regular
/// file's content (size and path inside the layer); then an end record repeating the tar length.</remarks>
internal static class TarSplitFormat
{
    /// <summary>What the file starts with; the digit is the format version.</summary>
    internal static ReadOnlySpan<byte> Magic => "BTSPLIT1"u8;

    /// <summary>Magic, one flags byte, the tar length (int64, little endian) and the DiffID's 32 bytes.</summary>
    internal const int HeaderLength = 8 + 1 + 8 + 32;

    /// <summary>Flag: a later entry of the layer replaced a file whose content the record points at.</summary>
    internal const byte FlagContentReplaced = 1;

    /// <summary>Bytes of the tar stream, copied verbatim: a 7-bit-encoded length, then the bytes.</summary>
    internal const byte RawRecord = 1;

    /// <summary>A regular file's content: a 7-bit-encoded size, then the length-prefixed UTF-8 path in the layer.</summary>
    internal const byte FileRecord = 2;

    /// <summary>The end: a 7-bit-encoded total length, which must match the header's.</summary>
    internal const byte EndRecord = 3;

    /// <summary>The largest raw record the recorder writes (readers copy in chunks, so this bounds nothing they allocate).</summary>
    internal const int MaxRawRecord = 1 << 16;
}

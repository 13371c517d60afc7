namespace Berth.Oci.Image;

/// <summary>The compression of a layer's tar stream.</summary>
public enum LayerCompression
{
    /// <summary>A plain tar.</summary>
    None,
    /// <summary>A gzip-compressed tar.</summary>
    Gzip,
    /// <summary>A zstd-compressed tar.</summary>
    Zstd,
}

namespace Berth.Storage.Layers;

/// <summary>The two ways a layer says "hidden": OCI's names in tarballs and overlayfs's markers on disk.</summary>
public static class Whiteouts
{
    /// <summary>A tar entry named .wh.NAME deletes NAME from the layers below.</summary>
    public const string Prefix = ".wh.";

    /// <summary>A tar entry DIR/.wh..wh..opq hides everything below DIR in lower layers.</summary>
    public const string OpaqueMarker = ".wh..wh..opq";

    /// <summary>overlayfs's attribute that makes a directory opaque (value "y").</summary>
    public const string OpaqueXattr = "trusted.overlay.opaque";

    /// <summary>overlayfs keeps its private state under this attribute namespace; it never travels in a layer.</summary>
    public const string OverlayXattrPrefix = "trusted.overlay.";
}

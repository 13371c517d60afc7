namespace Berth.Oci.Image;

/// <summary>The media types of the OCI image spec and of Docker's image manifest v2 schema 2, and what each one denotes.</summary>
public static class MediaTypes
{
    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    /// <summary>OCI image index (a manifest per platform).</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    /// <summary>OCI image configuration.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    /// <summary>OCI layer, an uncompressed tar.</summary>
    public const string OciLayerTar = "application/vnd.oci.image.layer.v1.tar";
    /// <summary>OCI layer, a gzip-compressed tar.</summary>
    public const string OciLayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    /// <summary>OCI layer, a zstd-compressed tar.</summary>
    public const string OciLayerTarZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    /// <summary>OCI non-distributable layer, an uncompressed tar (deprecated by the spec, still found in the wild).</summary>
    public const string OciNondistributableLayerTar = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    /// <summary>OCI non-distributable layer, gzip-compressed.</summary>
    public const string OciNondistributableLayerTarGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    /// <summary>OCI non-distributable layer, zstd-compressed.</summary>
    public const string OciNondistributableLayerTarZstd = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
    /// <summary>The OCI "empty" descriptor's media type (a "{}" config of artifacts).</summary>
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    /// <summary>Docker image manifest v2 schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    /// <summary>Docker manifest list (the Docker counterpart of an OCI index).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    /// <summary>Docker container image configuration.</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    /// <summary>Docker layer, a gzip-compressed tar.</summary>
    public const string DockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /// <summary>Docker layer, an uncompressed tar (what docker save's OCI view and some registries use).</summary>
    public const string DockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar";
    /// <summary>Docker layer, zstd-compressed (accepted by containerd and recent Docker).</summary>
    public const string DockerLayerTarZstd = "application/vnd.docker.image.rootfs.diff.tar.zstd";
    /// <summary>Docker foreign layer, fetched from the descriptor's URLs rather than the registry (Windows base layers).</summary>
    public const string DockerForeignLayerTarGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>Whether the media type is a single-platform image manifest (OCI or Docker v2s2).</summary>
    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>Whether the media type is a multi-platform index (OCI index or Docker manifest list).</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>Whether the media type is an image configuration (OCI or Docker).</summary>
    public static bool IsConfig(string? mediaType) => mediaType is OciConfig or DockerConfig;

    /// <summary>Whether the media type is a filesystem layer of any compression, distributable or not.</summary>
    public static bool IsLayer(string? mediaType) => mediaType is
        OciLayerTar or OciLayerTarGzip or OciLayerTarZstd or
        OciNondistributableLayerTar or OciNondistributableLayerTarGzip or OciNondistributableLayerTarZstd or
        DockerLayerTar or DockerLayerTarGzip or DockerLayerTarZstd or DockerForeignLayerTarGzip;

    /// <summary>Whether the layer may not be pushed to a registry other than the one its URLs name.</summary>
    public static bool IsNondistributable(string? mediaType) => mediaType is
        OciNondistributableLayerTar or OciNondistributableLayerTarGzip or OciNondistributableLayerTarZstd or
        DockerForeignLayerTarGzip;

    /// <summary>How a layer's tar is compressed; throws ArgumentException for a media type that is not a layer.</summary>
    public static LayerCompression LayerCompression(string mediaType) => mediaType switch
    {
        OciLayerTar or OciNondistributableLayerTar or DockerLayerTar => Image.LayerCompression.None,
        OciLayerTarGzip or OciNondistributableLayerTarGzip or DockerLayerTarGzip or DockerForeignLayerTarGzip => Image.LayerCompression.Gzip,
        OciLayerTarZstd or OciNondistributableLayerTarZstd or DockerLayerTarZstd => Image.LayerCompression.Zstd,
        _ => throw new ArgumentException($"not a layer media type: {mediaType}", nameof(mediaType)),
    };
}

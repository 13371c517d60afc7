using Berth.Oci.Image;

namespace Berth.UnitTests.Oci;

public sealed class MediaTypesTests
{
    [Theory]
    [InlineData("application/vnd.oci.image.manifest.v1+json", true, false)]
    [InlineData("application/vnd.docker.distribution.manifest.v2+json", true, false)]
    [InlineData("application/vnd.oci.image.index.v1+json", false, true)]
    [InlineData("application/vnd.docker.distribution.manifest.list.v2+json", false, true)]
    [InlineData("application/vnd.oci.image.config.v1+json", false, false)]
    [InlineData("application/vnd.docker.distribution.manifest.v1+prettyjws", false, false)]
    [InlineData(null, false, false)]
    public void ManifestAndIndex(string? mediaType, bool manifest, bool index)
    {
        Assert.Equal(manifest, MediaTypes.IsManifest(mediaType));
        Assert.Equal(index, MediaTypes.IsIndex(mediaType));
        Assert.False(MediaTypes.IsLayer(mediaType));
    }

    [Theory]
    [InlineData("application/vnd.oci.image.layer.v1.tar", LayerCompression.None)]
    [InlineData("application/vnd.oci.image.layer.v1.tar+gzip", LayerCompression.Gzip)]
    [InlineData("application/vnd.oci.image.layer.v1.tar+zstd", LayerCompression.Zstd)]
    [InlineData("application/vnd.oci.image.layer.nondistributable.v1.tar", LayerCompression.None)]
    [InlineData("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", LayerCompression.Gzip)]
    [InlineData("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd", LayerCompression.Zstd)]
    [InlineData("application/vnd.docker.image.rootfs.diff.tar.gzip", LayerCompression.Gzip)]
    [InlineData("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", LayerCompression.Gzip)]
    public void Layers(string mediaType, LayerCompression compression)
    {
        Assert.True(MediaTypes.IsLayer(mediaType));
        Assert.Equal(compression, MediaTypes.LayerCompression(mediaType));
        Assert.False(MediaTypes.IsManifest(mediaType));
    }

    [Fact]
    public void NondistributableAndConfig()
    {
        Assert.True(MediaTypes.IsNondistributable(MediaTypes.DockerForeignLayerTarGzip));
        Assert.True(MediaTypes.IsNondistributable(MediaTypes.OciNondistributableLayerTarZstd));
        Assert.False(MediaTypes.IsNondistributable(MediaTypes.OciLayerTarGzip));
        Assert.True(MediaTypes.IsConfig("application/vnd.docker.container.image.v1+json"));
        Assert.True(MediaTypes.IsConfig(MediaTypes.OciConfig));
    }

    [Fact]
    public void LayerCompression_RefusesNonLayers()
        => Assert.Throws<ArgumentException>(() => MediaTypes.LayerCompression(MediaTypes.OciConfig));
}

using System.Text.Json;
using Berth.Oci.Image;

namespace Berth.UnitTests.Oci;

public sealed class OciLayoutTests
{
    [Fact]
    public void Busybox_IndexLeadsToManifestAndConfig()
    {
        var dir = TestImages.BusyboxOci;
        Assert.Equal("1.0.0", OciImageLayout.ReadLayoutFile(dir).ImageLayoutVersion);

        var index = OciImageLayout.ReadIndex(dir);
        Assert.Equal(MediaTypes.OciIndex, index.MediaType);
        var entry = Assert.Single(index.Manifests);
        Assert.Equal("busybox:1.37.0-glibc", entry.Annotations!["org.opencontainers.image.ref.name"]);
        Assert.Equal(new Platform { Os = "linux", Architecture = "amd64" }, entry.Platform! with { OsFeatures = null });

        var manifest = OciImageLayout.ReadManifest(dir, entry);
        Assert.Equal(MediaTypes.OciManifest, manifest.MediaType);
        Assert.Equal(MediaTypes.OciConfig, manifest.Config.MediaType);
        Assert.StartsWith("db287cb6be81", manifest.Config.Digest.Hex);
        Assert.All(manifest.Layers, l => Assert.Equal(LayerCompression.Gzip, MediaTypes.LayerCompression(l.MediaType)));

        var configBytes = OciImageLayout.ReadBlob(dir, manifest.Config);
        Assert.Equal("db287cb6be81", ImageConfig.IdOf(configBytes).Short);
        var config = ImageConfig.Parse(configBytes);
        Assert.Equal(manifest.Layers.Count, config.RootFs.DiffIds.Count);
        Assert.Equal("layers", config.RootFs.Type);
        Assert.Equal(["sh"], config.Config!.Cmd!);
        Assert.Equal("linux/amd64", config.Platform.ToString());
        Assert.Equal(new DateTimeOffset(2024, 9, 26, 21, 31, 42, TimeSpan.Zero), config.CreatedTime);
        Assert.Equal("BusyBox 1.37.0 (glibc), Debian 13", Assert.Single(config.History!).CreatedBy);
    }

    [Fact]
    public void Busybox_PlatformMatcherPicksTheAmd64Manifest()
    {
        var index = OciImageLayout.ReadIndex(TestImages.BusyboxOci);
        Assert.NotNull(PlatformMatcher.Select(index, new Platform { Os = "linux", Architecture = "amd64" }));
        Assert.Null(PlatformMatcher.Select(index, new Platform { Os = "linux", Architecture = "arm64" }));
    }

    [Fact]
    public void ReadBlob_RefusesAWrongDescriptor()
    {
        var dir = TestImages.BusyboxOci;
        var entry = Assert.Single(OciImageLayout.ReadIndex(dir).Manifests);
        Assert.Throws<InvalidDataException>(() => OciImageLayout.ReadBlob(dir, entry with { Size = entry.Size + 1 }));
        var other = Digest.Of("x"u8);
        Assert.Throws<InvalidDataException>(() => OciImageLayout.ReadBlob(dir, entry with { Digest = other }));
    }

    [Fact]
    public void ReadLayoutFile_RefusesADirectoryWithoutOne()
    {
        var dir = Directory.CreateTempSubdirectory("berth-oci-").FullName;
        try
        {
            Assert.Throws<InvalidDataException>(() => OciImageLayout.ReadIndex(dir));
            File.WriteAllText(Path.Combine(dir, "oci-layout"), """{"imageLayoutVersion":"2.0.0"}""");
            Assert.Throws<InvalidDataException>(() => OciImageLayout.ReadLayoutFile(dir));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void OciLayoutFile_Writes()
        => Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", JsonSerializer.Serialize(new OciLayoutFile(), ImageJsonContext.Default.OciLayoutFile));
}

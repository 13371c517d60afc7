using System.Formats.Tar;
using System.Text;
using Berth.Oci.Image;
using Berth.Storage;
using Berth.Storage.Archive;
using Berth.UnitTests.Oci;

namespace Berth.UnitTests.Storage;

public sealed class ImageArchiveReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-archive-").FullName;

    private StagedArchive StageDirectory(string directory)
    {
        var tar = new MemoryStream();
        TarFile.CreateFromDirectory(directory, tar, includeBaseDirectory: false);
        tar.Position = 0;
        return StagedArchive.Unpack(tar, _root);
    }

    private StagedArchive StageFiles(params (string Name, byte[] Content)[] files)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, content) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        tar.Position = 0;
        return StagedArchive.Unpack(tar, _root);
    }

    [Fact]
    public void OciLayout_YieldsBusyboxWithItsConfigDigestAsId()
    {
        using var staged = StageDirectory(TestImages.BusyboxOci);
        var image = Assert.Single(ImageArchiveReader.Read(staged));
        Assert.StartsWith("sha256:db287cb6be81", image.Id.ToString());
        Assert.Equal(["docker.io/library/busybox:1.37.0-glibc"], image.Names);
        var layer = Assert.Single(image.Layers);
        Assert.NotNull(layer.BlobDigest);
        Assert.Equal(image.Config.RootFs.DiffIds[0], layer.DiffId);
        Assert.True(staged.Exists(layer.Path));
    }

    [Fact]
    public void DockerSave_YieldsTheConfigAndLayerFiles()
    {
        var layer = "layer bytes"u8.ToArray();
        var diffId = Digest.Of(layer);
        var config = Encoding.UTF8.GetBytes($$$"""{"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["{{{diffId}}}"]}}""");
        var configName = Digest.Of(config).Hex + ".json";
        var manifest = Encoding.UTF8.GetBytes($$"""[{"Config":"{{configName}}","RepoTags":["app:v1","localhost:5000/team/app:v2"],"Layers":["abc/layer.tar"]}]""");
        using var staged = StageFiles(("manifest.json", manifest), (configName, config), ("abc/layer.tar", layer));
        var image = Assert.Single(ImageArchiveReader.Read(staged));
        Assert.Equal(Digest.Of(config), image.Id);
        Assert.Equal(["docker.io/library/app:v1", "localhost:5000/team/app:v2"], image.Names);
        Assert.Equal(new ArchiveLayer("abc/layer.tar", diffId, null, null), Assert.Single(image.Layers));
    }

    [Theory]
    [InlineData("not json", "not valid")]
    [InlineData("""[{"Config":"missing.json","RepoTags":[],"Layers":[]}]""", "no file \"missing.json\"")]
    public void BadDockerSaveManifests_AreRefusedClearly(string manifest, string message)
    {
        using var staged = StageFiles(("manifest.json", Encoding.UTF8.GetBytes(manifest)));
        var error = Assert.Throws<StorageException>(() => ImageArchiveReader.Read(staged));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AnOciBlobThatDoesNotMatchItsDigest_IsRefused()
    {
        var copy = Path.Combine(_root, "layout");
        foreach (var file in Directory.GetFiles(TestImages.BusyboxOci, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(TestImages.BusyboxOci, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var config = Directory.GetFiles(Path.Combine(copy, "blobs", "sha256"), "db287cb6be81*").Single();
        File.AppendAllText(config, " ");
        using var staged = StageDirectory(copy);
        Assert.Contains("does not match its descriptor", Assert.Throws<StorageException>(() => ImageArchiveReader.Read(staged)).Message);
    }

    [Fact]
    public void AnArchiveWithoutImageMetadata_IsRefused()
    {
        using var staged = StageFiles(("hello.txt", "hi"u8.ToArray()));
        Assert.Contains("neither manifest.json", Assert.Throws<StorageException>(() => ImageArchiveReader.Read(staged)).Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

using System.Formats.Tar;
using System.Net;
using System.Text.Json;
using Berth.IntegrationTests.Support;
using static Berth.IntegrationTests.Support.ArchiveFiles;

namespace Berth.IntegrationTests.Images;

/// <summary>Acceptance 5 of issue 3: a bad archive, through berth or the API, fails with one clear line and leaves the
/// store exactly as it was (files under the data root, metadata rows, the image list).</summary>
public sealed class BadLoadTests : IDisposable
{
    private readonly DaemonProcess _daemon = DaemonProcess.StartReady();
    private readonly string _work = Directory.CreateTempSubdirectory("berth-badload-").FullName;

    private CommandResult Berth(params string[] args) => Command.Run(TestPaths.CliBinary, ["-H", _daemon.Host, .. args], timeoutSeconds: 120);

    private static readonly byte[] GoodLayer = Layer(File("etc/hello", "hello\n"));

    // Each case: an archive, and what the one error line says (a part of it).
    private string Build(string kind)
    {
        var path = Path.Combine(_work, kind + ".tar");
        switch (kind)
        {
            case "dot-dot-entry":
                DockerSave(path, "bad:1", [GoodLayer, Layer(File("../escape", "x"))]);
                break;
            case "absolute-entry":
                DockerSave(path, "bad:1", [GoodLayer, Layer(File("/etc/escape", "x"))]);
                break;
            case "symlink-escape":
                DockerSave(path, "bad:1", [GoodLayer, Layer(Symlink("out", "/tmp"), File("out/escaped", "x"))]);
                break;
            case "oci-blob-digest":
                var second = Layer(File("b", "2"));
                var tampered = Layer(File("b", "3"));
                OciLayout(path, "bad:1", [GoodLayer, tampered], described: [GoodLayer, second]);
                break;
            case "diff-id":
                DockerSave(path, "bad:1", [GoodLayer, Layer(File("b", "2"))], diffIds: [Sha256(GoodLayer), Sha256(Layer(File("b", "3")))]);
                break;
            case "truncated-gzip-layer":
                var big = Layer(File("big", new string('x', 100_000) + Guid.Empty));
                var gz = Gzip(big);
                DockerSave(path, "bad:1", [GoodLayer, gz[..(gz.Length / 2)]], diffIds: [Sha256(GoodLayer), Sha256(big)]);
                break;
            case "truncated-gzip-archive":
                DockerSave(path, "bad:1", [GoodLayer, Layer(File("b", "2"))]);
                var whole = Gzip(System.IO.File.ReadAllBytes(path));
                System.IO.File.WriteAllBytes(path, whole[..(whole.Length * 2 / 3)]);
                break;
            case "manifest-not-json":
                DockerSave(path, "bad:1", [GoodLayer], manifest: """[{"Config":""");
                break;
            case "manifest-null-fields":
                DockerSave(path, "bad:1", [GoodLayer], manifest: """[{"Config":null,"Layers":null}]""");
                break;
            case "manifest-wrong-shape":
                DockerSave(path, "bad:1", [GoodLayer], manifest: """{"Config":"x.json"}""");
                break;
            case "index-not-json":
                OciLayout(path, "bad:1", [GoodLayer], index: """{"schemaVersion":2,"manifests":[""");
                break;
            case "index-null-manifests":
                OciLayout(path, "bad:1", [GoodLayer], index: """{"schemaVersion":2,"manifests":[null]}""");
                break;
            case "missing-layer-file":
                DockerSave(path, "bad:1", [GoodLayer, Layer(File("b", "2"))], layerNames: ["layer0/layer.tar", "nowhere/layer.tar"]);
                break;
            case "missing-oci-blob":
                var absent = Layer(File("c", "3"));
                OciLayout(path, "bad:1", [GoodLayer], described: [GoodLayer, absent]);
                break;
            default:
                throw new ArgumentException(kind);
        }
        return path;
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "dot-dot-entry", "layer entry \"../escape\": path escapes the layer" },
        { "absolute-entry", "layer entry \"/etc/escape\": path escapes the layer (absolute)" },
        { "symlink-escape", "layer entry \"out/escaped\": parent \"out\" is a symlink" },
        { "oci-blob-digest", "does not match its descriptor" },
        { "diff-id", "does not match the image config" },
        { "truncated-gzip-layer", "truncated" },
        { "truncated-gzip-archive", "not a valid tar file" },
        { "manifest-not-json", "the archive's metadata is not valid" },
        { "manifest-null-fields", "manifest.json has an entry without Config or Layers" },
        { "manifest-wrong-shape", "the archive's metadata is not valid" },
        { "index-not-json", "the archive's metadata is not valid" },
        { "index-null-manifests", "index.json lists no manifests, or one without a mediaType" },
        { "missing-layer-file", "the archive has no file \"nowhere/layer.tar\"" },
        { "missing-oci-blob", "the archive has no file" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadArchive_FailsWithOneLineAndChangesNothing(string kind, string message)
    {
        Assert.Equal(0, Berth("load", "-i", BusyboxTar()).ExitCode);
        var images = Berth("images", "-a").Stdout;
        var before = StoreSnapshot.Of(_daemon.DataRoot);
        var archive = Build(kind);

        var load = Berth("load", "-i", archive);
        Assert.Equal(1, load.ExitCode);
        Assert.StartsWith("Error response from daemon: ", load.Stderr);
        Assert.Contains(message, load.Stderr);
        Assert.Single(load.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", load.Stdout);
        AssertUnchanged(images, before);

        // Through the API as dockerd's clients send it: quiet by default, so the error is a status and a message.
        using var http = UnixHttp.For(_daemon.Socket);
        using var content = new StreamContent(System.IO.File.OpenRead(archive));
        var response = await http.PostAsync("/v1.41/images/load", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(message, body.GetProperty("message").GetString());
        AssertUnchanged(images, before);

        // With progress the error may come after the first message: then it is dockerd's error message, never a 500.
        using var streamed = new StreamContent(System.IO.File.OpenRead(archive));
        response = await http.PostAsync("/v1.41/images/load?quiet=0", streamed);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var last = JsonDocument.Parse(text.TrimEnd('\n').Split('\n')[^1]).RootElement;
            Assert.Contains(message, last.GetProperty("errorDetail").GetProperty("message").GetString());
            Assert.Equal(last.GetProperty("errorDetail").GetProperty("message").GetString(), last.GetProperty("error").GetString());
        }
        else Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertUnchanged(images, before);
    }

    [Fact]
    public void GzippedArchive_LoadsLikeAPlainOne()
    {
        // The good counterpart of the truncated case: docker load takes compressed archives too.
        var path = Path.Combine(_work, "good.tar.gz");
        DockerSave(path, "good:1", [GoodLayer]);
        System.IO.File.WriteAllBytes(path, Gzip(System.IO.File.ReadAllBytes(path)));
        var load = Berth("load", "-i", path);
        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Equal("Loaded image: good:1\n", load.Stdout);
    }

    private void AssertUnchanged(string images, string before)
    {
        Assert.Equal(images, Berth("images", "-a").Stdout);
        Assert.Equal(before, StoreSnapshot.Of(_daemon.DataRoot));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_daemon.DataRoot, "tmp")));
    }

    private string BusyboxTar()
    {
        var path = Path.Combine(_work, "busybox.tar");
        if (!System.IO.File.Exists(path))
            TarFile.CreateFromDirectory(Path.Combine(TestPaths.ImagesDir, "busybox-1.37-oci"), path, includeBaseDirectory: false);
        return path;
    }

    public void Dispose()
    {
        _daemon.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}

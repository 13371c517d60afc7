using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>berth import against a real berthd: the layer and config it makes, its compressions, and bad input that
/// changes nothing; berth system df over what it made.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly DaemonProcess _daemon = DaemonProcess.StartReady();
    private readonly string _work = Directory.CreateTempSubdirectory("berth-import-").FullName;

    private CommandResult Berth(params string[] args) => Command.Run(TestPaths.CliBinary, ["-H", _daemon.Host, .. args], timeoutSeconds: 120);

    private static void Ok(CommandResult r) => Assert.True(r.ExitCode == 0, r.ToString());

    private string RootfsTar()
    {
        var path = Path.Combine(_work, "rootfs.tar");
        using var writer = new TarWriter(File.Create(path), TarEntryFormat.Pax);
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "etc/"));
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "etc/motd") { DataStream = new MemoryStream("imported\n"u8.ToArray()) });
        return path;
    }

    [Fact]
    public void Import_MakesOneLayerWhoseDiffIdHashesTheTarball_AndTheConfigWithChanges()
    {
        var tar = RootfsTar();
        var gzip = tar + ".gz";
        using (var input = File.OpenRead(tar))
        using (var output = new GZipStream(File.Create(gzip), CompressionLevel.Fastest))
            input.CopyTo(output);
        var import = Berth("import", "-c", "CMD [\"sh\"]", "-c", "ENV A=b", "-m", "hello", gzip, "imp:v1");
        Ok(import);
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", import.Stdout);

        var image = JsonDocument.Parse(Berth("image", "inspect", "imp:v1").Stdout).RootElement[0];
        var diffId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(tar)));
        Assert.Equal(diffId, image.GetProperty("RootFS").GetProperty("Layers")[0].GetString());
        Assert.Equal("hello", image.GetProperty("Comment").GetString());
        Assert.Equal("[\"sh\"]", image.GetProperty("Config").GetProperty("Cmd").GetRawText());
        Assert.Equal("[\"A=b\"]", image.GetProperty("Config").GetProperty("Env").GetRawText());
        Assert.Equal(9, image.GetProperty("Size").GetInt64());
        Assert.Equal(import.Stdout.Trim(), image.GetProperty("Id").GetString());
        Assert.Contains("hello", Berth("history", "imp:v1").Stdout);

        var df = Berth("system", "df");
        Ok(df);
        Assert.Equal("TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\nImages          1         0         9B        9B (100%)\n" +
                     "Containers      0         0         0B        0B\nLocal Volumes   0         0         0B        0B\nBuild Cache     0         0         0B        0B\n", df.Stdout);
    }

    [Fact]
    public void Import_OfBadInput_FailsClearlyAndChangesNothing()
    {
        var tar = RootfsTar();
        var truncated = Path.Combine(_work, "truncated.tar");
        File.WriteAllBytes(truncated, File.ReadAllBytes(tar)[..1000]);
        var escape = Path.Combine(_work, "escape.tar");
        using (var writer = new TarWriter(File.Create(escape)))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../escape") { DataStream = new MemoryStream("x"u8.ToArray()) });
        var xz = Path.Combine(_work, "rootfs.tar.xz");
        File.WriteAllBytes(xz, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 0]);

        Assert.Equal("Error response from daemon: run is not a valid change command\n", Berth("import", "-c", "RUN true", tar, "bad:1").Stderr);
        Assert.Equal("Error response from daemon: xz-compressed archives are not supported: use a plain, gzip or zstd tarball\n",
            Berth("import", xz, "bad:1").Stderr);
        Assert.StartsWith("Error response from daemon: layer is truncated", Berth("import", truncated, "bad:1").Stderr);
        var outside = Berth("import", escape, "bad:1");
        Assert.Equal(1, outside.ExitCode);
        Assert.Contains("../escape", outside.Stderr);
        Assert.Equal("Error response from daemon: berthd cannot pull alpine:latest yet: it has no registry client (POST /images/create?fromImage=…); load a `docker save` archive instead\n",
            Command.Shell($"DOCKER_HOST={_daemon.Host} {TestPaths.PeerBinary("/usr/local/bin/docker")} pull -q alpine", timeoutSeconds: 60).Stderr);

        Assert.Equal("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n", Berth("images").Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_daemon.DataRoot, "tmp")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_daemon.DataRoot, "layers")));
    }

    [Fact]
    public void SystemDf_TypeSelectsSectionsFromApi142_AndOlderClientsGetEverything()
    {
        string Get(string path) => Command.Shell($"curl -s --unix-socket {_daemon.Host["unix://".Length..]} 'http://berth{path}'", timeoutSeconds: 30).Stdout.TrimEnd('\n');
        Assert.Equal("{\"LayersSize\":0,\"Images\":null,\"Containers\":null,\"Volumes\":[],\"BuildCache\":null}", Get("/v1.47/system/df?type=volume"));
        Assert.Equal("{\"message\":\"unknown object type: bogus\"}", Get("/v1.47/system/df?type=bogus"));
        Assert.Equal("{\"LayersSize\":0,\"Images\":[],\"Containers\":[],\"Volumes\":[],\"BuildCache\":null,\"BuilderSize\":0}", Get("/v1.41/system/df?type=bogus"));
    }

    public void Dispose()
    {
        _daemon.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}

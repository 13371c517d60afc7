using System.Formats.Tar;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>berth load, images and image inspect against a real berthd, and the real docker CLIs agreeing with them.</summary>
public sealed class ImageCommandTests : IDisposable
{
    private readonly DaemonProcess _daemon = DaemonProcess.StartReady();
    private readonly string _work = Directory.CreateTempSubdirectory("berth-imgcmd-").FullName;

    private CommandResult Berth(params string[] args) => Command.Run(TestPaths.CliBinary, ["-H", _daemon.Host, .. args], timeoutSeconds: 120);

    private CommandResult Docker(string cli, params string[] args)
    {
        var quoted = string.Join(' ', args.Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        return Command.Shell($"DOCKER_HOST={_daemon.Host} {TestPaths.PeerBinary(cli)} {quoted}", timeoutSeconds: 120);
    }

    private string BusyboxTar()
    {
        var path = Path.Combine(_work, "busybox.tar");
        TarFile.CreateFromDirectory(Path.Combine(TestPaths.ImagesDir, "busybox-1.37-oci"), path, includeBaseDirectory: false);
        return path;
    }

    private static void Ok(CommandResult r) => Assert.True(r.ExitCode == 0, r.ToString());

    [Fact]
    public void Load_ListsBusyboxWithItsConfigDigestAndRealSize()
    {
        var load = Berth("load", "-i", BusyboxTar());
        Ok(load);
        Assert.Equal("Loaded image: busybox:1.37.0-glibc\n", load.Stdout.Split('\n').Last(l => l.Length > 0) + "\n");

        var table = Berth("images");
        Ok(table);
        var lines = table.Stdout.TrimEnd('\n').Split('\n');
        Assert.Matches(@"^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$", lines[0]);
        Assert.Matches(@"^busybox\s+1\.37\.0-glibc\s+db287cb6be81\s+\d+ (years|months) ago\s+4\.42MB$", lines[1]);
        Assert.Equal("db287cb6be81\n", Berth("images", "-q").Stdout);
        Assert.Equal("db287cb6be81:busybox\n", Berth("images", "--format", "{{.ID}}:{{.Repository}}").Stdout);

        var inspect = Berth("image", "inspect", "busybox:1.37.0-glibc");
        Ok(inspect);
        var image = JsonDocument.Parse(inspect.Stdout).RootElement[0];
        Assert.Equal("sha256:db287cb6be81219cd18c1d82b70908f5d33eb028568b456f78eedff2ff2930e4", image.GetProperty("Id").GetString());
        var layerDir = Directory.GetDirectories(Path.Combine(_daemon.DataRoot, "layers")).Single();
        Assert.Equal(LayerSize(layerDir), image.GetProperty("Size").GetInt64());
    }

    [Theory]
    [InlineData("/usr/local/bin/docker")]
    [InlineData("/usr/bin/docker")]
    public void DockerCli_LoadsListsAndInspectsLikeBerth(string cli)
    {
        var load = Docker(cli, "load", "-i", BusyboxTar());
        Ok(load);
        Assert.Contains("Loaded image: busybox:1.37.0-glibc", load.Stdout);
        Assert.Equal(Berth("images").Stdout, Docker(cli, "images").Stdout);
        Assert.Equal(Berth("images", "-q").Stdout, Docker(cli, "images", "-q").Stdout);
        Assert.Equal(Berth("images", "--digests").Stdout, Docker(cli, "images", "--digests").Stdout);
        Assert.Equal(Berth("images", "-f", "dangling=true").Stdout, Docker(cli, "images", "-f", "dangling=true").Stdout);
        Assert.Equal(Berth("image", "inspect", "-f", "{{.Id}} {{.Size}} {{.Os}}", "busybox:1.37.0-glibc").Stdout,
            Docker(cli, "image", "inspect", "-f", "{{.Id}} {{.Size}} {{.Os}}", "busybox:1.37.0-glibc").Stdout);
        foreach (var flags in new[] { new[] { "history" }, ["history", "-H=false"], ["history", "--no-trunc", "-q"] })
            Assert.Equal(Berth([.. flags, "busybox:1.37.0-glibc"]).Stdout, Docker(cli, [.. flags, "busybox:1.37.0-glibc"]).Stdout);
        var missing = Docker(cli, "image", "inspect", "nope:1");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("No such image: nope:1", missing.Stderr);
    }

    [Fact]
    public void TagAndRmi_UntagFirstThenDeleteTheImageAndItsLayer()
    {
        Ok(Berth("load", "-q", "-i", BusyboxTar()));
        Ok(Berth("tag", "busybox:1.37.0-glibc", "localhost:5000/team/app:v1"));
        Ok(Docker("/usr/local/bin/docker", "tag", "db287cb6be81", "app"));
        Assert.Equal(["app:latest", "busybox:1.37.0-glibc", "localhost:5000/team/app:v1"],
            Berth("images", "--format", "{{.Repository}}:{{.Tag}}").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());

        var conflict = Berth("rmi", "db287cb6be81");
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("unable to delete db287cb6be81 (must be forced) - image is referenced in multiple repositories", conflict.Stderr);

        Assert.Equal("Untagged: app:latest\n", Berth("rmi", "app").Stdout);
        Assert.Equal("Untagged: localhost:5000/team/app:v1\n", Docker("/usr/bin/docker", "rmi", "localhost:5000/team/app:v1").Stdout);
        var last = Berth("rmi", "busybox:1.37.0-glibc");
        Ok(last);
        Assert.Equal(["Untagged: busybox:1.37.0-glibc", "Deleted: sha256:db287cb6be81219cd18c1d82b70908f5d33eb028568b456f78eedff2ff2930e4"],
            last.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[..2]);
        Assert.Equal(3, last.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_daemon.DataRoot, "layers")));
        Assert.Equal("Error response from daemon: No such image: busybox:1.37.0-glibc\n", Berth("rmi", "busybox:1.37.0-glibc").Stderr);
    }

    // A one-layer docker save archive of a tiny image carrying the given name.
    private string TinyImageTar(string name)
    {
        var layer = new MemoryStream();
        using (var writer = new TarWriter(layer, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream("hello\n"u8.ToArray()) });
        var layerBytes = layer.ToArray();
        var diffId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(layerBytes));
        var config = System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","os":"linux","created":"2026-01-02T03:04:05Z","config":{"Cmd":["cat","/hello.txt"]},"rootfs":{"type":"layers","diff_ids":["{{{diffId}}}"]},"history":[{"created":"2026-01-02T03:04:05Z","created_by":"ADD hello.txt /"}]}""");
        var configName = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(config)) + ".json";
        var manifest = System.Text.Encoding.UTF8.GetBytes($$$"""[{"Config":"{{{configName}}}","RepoTags":["{{{name}}}"],"Layers":["tiny/layer.tar"]}]""");
        var path = Path.Combine(_work, "tiny.tar");
        using (var writer = new TarWriter(File.Create(path)))
            foreach (var (entry, bytes) in new[] { ("manifest.json", manifest), (configName, config), ("tiny/layer.tar", layerBytes) })
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entry) { DataStream = new MemoryStream(bytes) });
        return path;
    }

    [Fact]
    public void ATagMovedAway_LeavesADanglingImageThatPruneRemoves()
    {
        Ok(Berth("load", "-q", "-i", BusyboxTar()));
        Ok(Berth("load", "-q", "-i", TinyImageTar("busybox:1.37.0-glibc")));
        var dangling = Berth("images", "-f", "dangling=true");
        Assert.Matches(@"\n<none>\s+<none>\s+db287cb6be81\s", dangling.Stdout);
        Assert.Equal(dangling.Stdout, Docker("/usr/local/bin/docker", "images", "-f", "dangling=true").Stdout);
        Assert.Equal(Berth("images", "-a").Stdout, Docker("/usr/bin/docker", "images", "-a").Stdout);

        var prune = Berth("image", "prune", "-f");
        Ok(prune);
        Assert.StartsWith("Deleted Images:\ndeleted: sha256:db287cb6be81", prune.Stdout);
        Assert.EndsWith("Total reclaimed space: 4.42MB\n", prune.Stdout);
        Assert.Equal("busybox:1.37.0-glibc\n", Berth("images", "--format", "{{.Repository}}:{{.Tag}}").Stdout);
        Assert.Equal("Total reclaimed space: 0B\n", Docker("/usr/local/bin/docker", "image", "prune", "-f").Stdout);
    }

    [Fact]
    public void Load_OfABadArchive_FailsClearlyAndChangesNothing()
    {
        var bad = Path.Combine(_work, "bad.tar");
        using (var writer = new TarWriter(File.Create(bad)))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../escape") { DataStream = new MemoryStream("x"u8.ToArray()) });
        var load = Berth("load", "-i", bad);
        Assert.Equal(1, load.ExitCode);
        Assert.Equal("Error response from daemon: archive entry \"../escape\" points outside the archive\n", load.Stderr);
        Assert.Equal("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n", Berth("images").Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_daemon.DataRoot, "tmp")));
    }

    // Docker's layer size: every non-directory entry's st_size, hard links once (the same rule as the store's).
    private static long LayerSize(string dir)
        => long.Parse(Command.Shell($"find '{dir}' ! -type d -printf '%i %s\\n' | sort -u | awk '{{s+=$2}} END {{print s+0}}'").Stdout.Trim());

    public void Dispose()
    {
        _daemon.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}

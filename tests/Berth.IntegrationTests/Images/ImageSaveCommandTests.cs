using System.Formats.Tar;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Images;

/// <summary>`berth save` and GET /images/get against a real berthd: the archive loads back as the same image, -o writes
/// atomically, a terminal is refused, and unknown names are Docker's 404s before any body.</summary>
public sealed class ImageSaveCommandTests : IDisposable
{
    private const string BusyboxId = "sha256:db287cb6be81219cd18c1d82b70908f5d33eb028568b456f78eedff2ff2930e4";
    private readonly DaemonProcess _daemon = DaemonProcess.StartReady();
    private readonly string _work = Directory.CreateTempSubdirectory("berth-save-").FullName;

    public void Dispose()
    {
        _daemon.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private CommandResult Berth(params string[] args) => Command.Run(TestPaths.CliBinary, ["-H", _daemon.Host, .. args], timeoutSeconds: 120);

    private static void Ok(CommandResult r) => Assert.True(r.ExitCode == 0, r.ToString());

    private void LoadBusybox()
    {
        var path = Path.Combine(_work, "busybox-layout.tar");
        TarFile.CreateFromDirectory(Path.Combine(TestPaths.ImagesDir, "busybox-1.37-oci"), path, includeBaseDirectory: false);
        Ok(Berth("load", "-q", "-i", path));
    }

    [Fact]
    public void Save_ToAFileAndToStdout_GivesOneArchiveThatLoadsBackAsTheSameImage()
    {
        LoadBusybox();
        var file = Path.Combine(_work, "saved.tar");
        Ok(Berth("save", "-o", file, "busybox:1.37.0-glibc"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Empty(Directory.GetFiles(_work, ".docker_temp_*"));
        var piped = Path.Combine(_work, "piped.tar");
        Ok(Command.Shell($"{TestPaths.CliBinary} -H {_daemon.Host} save busybox:1.37.0-glibc > {piped}"));
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(piped));

        Ok(Berth("rmi", "busybox:1.37.0-glibc"));
        Assert.Equal("Loaded image: busybox:1.37.0-glibc\n", Berth("load", "-q", "-i", file).Stdout);
        Assert.Equal(BusyboxId + "\n", Berth("image", "inspect", "-f", "{{.Id}}", "busybox:1.37.0-glibc").Stdout);
    }

    [Fact]
    public void Save_RefusesATerminalAndMissingArguments_LikeDocker()
    {
        LoadBusybox();
        var tty = Command.Run("script", ["-eqc", $"{TestPaths.CliBinary} -H {_daemon.Host} save busybox:1.37.0-glibc", "/dev/null"]);
        Assert.Equal(1, tty.ExitCode);
        Assert.Contains("cowardly refusing to save to a terminal. Use the -o flag or redirect", tty.Stdout);

        var none = Berth("save");
        Assert.Equal(1, none.ExitCode);
        Assert.StartsWith("\"berth save\" requires at least 1 argument.\nSee 'berth save --help'.\n\nUsage:  berth save [OPTIONS] IMAGE [IMAGE...]", none.Stderr);
        var nowhere = Berth("save", "-o", Path.Combine(_work, "no", "such", "dir.tar"), "busybox:1.37.0-glibc");
        Assert.Equal(1, nowhere.ExitCode);
        Assert.Contains("failed to save image: invalid output path: directory", nowhere.Stderr);
        Assert.Contains("Save one or more images to a tar archive (streamed to STDOUT by default)", Berth("image", "save", "--help").Stdout);
    }

    [Fact]
    public void Save_OfALayerWhoseFilesChanged_BreaksTheArchiveOffAndWritesNoFile()
    {
        LoadBusybox();
        var layer = Directory.GetDirectories(Path.Combine(_daemon.DataRoot, "layers")).Single();
        var busybox = Path.Combine(layer, "bin", "busybox");
        var bytes = File.ReadAllBytes(busybox);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(busybox, bytes);

        var file = Path.Combine(_work, "broken.tar");
        var save = Berth("save", "-o", file, "busybox:1.37.0-glibc");
        Assert.Equal((1, "unexpected EOF\n"), (save.ExitCode, save.Stderr));
        Assert.False(File.Exists(file));
        Assert.Empty(Directory.GetFiles(_work, ".docker_temp_*"));
        Assert.NotEqual(0, Command.Shell($"{TestPaths.CliBinary} -H {_daemon.Host} save busybox:1.37.0-glibc > {file}").ExitCode);
        _daemon.WaitUntil(() => _daemon.Output.Contains("hashes to"), "berthd logs the rebuilt layer's wrong DiffID");
    }

    [Fact]
    public async Task UnknownNames_Are404WithDockersMessage_AndNoArchive()
    {
        LoadBusybox();
        using var http = UnixHttp.For(_daemon.Socket);
        foreach (var (path, message) in new[]
                 {
                     ("/v1.47/images/nope/get", "No such image: nope"),
                     ("/images/get?names=busybox:1.37.0-glibc&names=nope:1", "reference does not exist"),
                 })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(404, (int)response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"{{\"message\":\"{message}\"}}\n", await response.Content.ReadAsStringAsync());
        }
        using var ok = await http.GetAsync("/images/busybox:1.37.0-glibc/get");
        Assert.Equal("application/x-tar", ok.Content.Headers.ContentType?.MediaType);
        Assert.Contains(TestArchives.Files(await ok.Content.ReadAsStreamAsync()), f => f.Name == "manifest.json");
        Assert.Equal("Error response from daemon: reference does not exist\n", Berth("save", "-o", Path.Combine(_work, "x.tar"), "nope:1").Stderr);
        Assert.False(File.Exists(Path.Combine(_work, "x.tar")));
    }
}

using System.Diagnostics;
using System.Formats.Tar;
using Berth.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace Berth.IntegrationTests.Images;

/// <summary>Acceptance 5 of issue 3: berthd killed with SIGKILL in the middle of a large load comes back with no
/// partial image, an empty tmp/, no unrecorded layer folder, its earlier images intact, and loads the archive again.</summary>
public sealed class LoadCrashTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("berth-loadcrash-").FullName;
    private readonly List<DaemonProcess> _daemons = [];

    private static CommandResult Berth(DaemonProcess daemon, params string[] args)
        => Command.Run(TestPaths.CliBinary, ["-H", daemon.Host, .. args], timeoutSeconds: 300);

    [Fact]
    public void KillDuringALargeLoad_LeavesNoTraceAfterRestart()
    {
        var big = Path.Combine(_work, "big.tar");
        // About 320 MB in 4 layers: long enough to unpack that the kill lands in the middle.
        ArchiveFiles.LargeDockerSave(big, _work, "big:1", layers: 4, filesPerLayer: 4, fileBytes: 20_000_000);
        var first = Start();
        var busybox = Path.Combine(_work, "busybox.tar");
        TarFile.CreateFromDirectory(Path.Combine(TestPaths.ImagesDir, "busybox-1.37-oci"), busybox, includeBaseDirectory: false);
        Assert.Equal(0, Berth(first, "load", "-i", busybox).ExitCode);
        var imagesBefore = Berth(first, "images", "-a").Stdout;
        var layersBefore = Directory.GetDirectories(Path.Combine(first.DataRoot, "layers")).Length;

        using var load = Process.Start(new ProcessStartInfo(TestPaths.CliBinary, ["-H", first.Host, "load", "-i", big])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        // Kill once a layer of the big image is complete (a folder no record names yet) and the next is being unpacked.
        var layers = Path.Combine(first.DataRoot, "layers");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (Directory.GetDirectories(layers).Length < layersBefore + 2)
        {
            if (load.HasExited) Assert.Fail("the load finished before berthd could be killed: " + load.StandardError.ReadToEnd());
            Assert.True(DateTime.UtcNow < deadline, "no layer appeared within 120 s");
            Thread.Sleep(5);
        }
        var seen = string.Join(", ", Directory.GetDirectories(layers).Select(Path.GetFileName));
        first.Kill();
        Assert.True(load.WaitForExit(30_000));
        var loadOutput = load.StandardOutput.ReadToEnd() + load.StandardError.ReadToEnd();
        Assert.True(load.ExitCode == 1, $"berth load exited {load.ExitCode}: {loadOutput} (layers when killed: {seen})");
        Assert.StartsWith("error during connect: POST ", loadOutput);
        // The kill really interrupted the load: its files are still on disk before the restart.
        Assert.NotEmpty(Directory.GetFileSystemEntries(Path.Combine(first.DataRoot, "tmp")));
        Assert.True(Directory.GetDirectories(layers).Length > layersBefore);

        var second = Start(first.Dir);
        Assert.Equal(imagesBefore, Berth(second, "images", "-a").Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(second.DataRoot, "tmp")));
        var recorded = LayerRecords(second.DataRoot);
        Assert.Equal(recorded.Order(), Directory.GetDirectories(layers).Select(Path.GetFileName).Order()!);
        Assert.Equal(0, Berth(second, "image", "inspect", "busybox:1.37.0-glibc").ExitCode);

        var again = Berth(second, "load", "-i", big);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("Loaded image: big:1\n", again.Stdout);
        Assert.Equal("big:1\nbusybox:1.37.0-glibc\n", Berth(second, "images", "--format", "{{.Repository}}:{{.Tag}}").Stdout.Split('\n')
            .Where(l => l.Length > 0).Order().Aggregate("", (all, l) => all + l + "\n"));
        Assert.Equal(5, Directory.GetDirectories(layers).Length);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(second.DataRoot, "tmp")));
    }

    private DaemonProcess Start(string? dir = null)
    {
        var daemon = DaemonProcess.StartReady(dir: dir);
        _daemons.Add(daemon);
        return daemon;
    }

    // The hex of every layer the metadata records, which is the name of its folder.
    private static List<string> LayerRecords(string dataRoot)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataRoot, "berth.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT chain_id FROM layers";
        using var reader = select.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0)["sha256:".Length..]);
        return ids;
    }

    public void Dispose()
    {
        // The daemons share one folder: the last one removes it.
        foreach (var daemon in Enumerable.Reverse(_daemons)) daemon.Dispose();
        Directory.Delete(_work, recursive: true);
    }
}

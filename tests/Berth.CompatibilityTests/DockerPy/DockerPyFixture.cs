using System.Formats.Tar;
using System.Net;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.DockerPy;

/// <summary>A private berthd with busybox loaded from the shared OCI layout (also tagged busybox:latest), for the
/// docker-py scenarios.</summary>
public sealed class DockerPyFixture : IAsyncLifetime
{
    /// <summary>Debian's python, the one python3-docker is installed for.</summary>
    public const string Python = "/usr/bin/python3";

    private BerthdProcess? _berthd;

    /// <summary>The running daemon.</summary>
    public BerthdProcess Berthd => _berthd ?? throw new InvalidOperationException("berthd is not running");

    /// <summary>The folder holding the python scenario scripts.</summary>
    public static string ScriptDirectory => Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Berth.CompatibilityTests", "DockerPy");

    /// <summary>Installs python3-docker when missing, starts berthd and loads busybox.</summary>
    public async Task InitializeAsync()
    {
        await Prerequisites.EnsureInstalledAsync();
        _berthd = BerthdProcess.Start();
        try
        {
            await LoadBusyboxAsync();
        }
        catch
        {
            _berthd.Dispose();
            throw;
        }
    }

    private async Task LoadBusyboxAsync()
    {
        var archive = Path.Combine(Berthd.Directory, "busybox.tar");
        await TarFile.CreateFromDirectoryAsync(Path.Combine(TestEnvironment.ImagesDirectory, "busybox-1.37-oci"), archive, includeBaseDirectory: false);
        using var http = UnixSocketHttp.For(Berthd.SocketPath);
        await using (var body = File.OpenRead(archive))
        {
            var load = await http.PostAsync("/images/load?quiet=1", new StreamContent(body));
            if (!load.IsSuccessStatusCode) throw new InvalidOperationException("loading busybox: " + await load.Content.ReadAsStringAsync());
        }
        var tag = await http.PostAsync("/images/busybox:1.37.0-glibc/tag?repo=busybox&tag=latest", null);
        if (tag.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException("tagging busybox: " + await tag.Content.ReadAsStringAsync());
    }

    /// <summary>Runs one scenario of a script (or "--list") with Debian's python against the daemon.</summary>
    public Task<CommandResult> RunAsync(string script, string argument) =>
        ProcessRunner.RunAsync(Python, ["-B", Path.Combine(ScriptDirectory, script), argument], TimeSpan.FromMinutes(5),
            new Dictionary<string, string?> { ["BERTH_SOCKET"] = Berthd.SocketPath, ["PYTHONUNBUFFERED"] = "1" });

    /// <summary>Stops berthd and removes what it left.</summary>
    public Task DisposeAsync()
    {
        _berthd?.Dispose();
        return Task.CompletedTask;
    }
}

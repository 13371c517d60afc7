using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.Images;

/// <summary>Scenario S2 side by side: a fresh dockerd of the test's own and a fresh berthd get the same tarballs, tags
/// and dangling images; then the same docker CLI (20.10 and current) must print the same for every listing, filter,
/// removal, prune and `system df`, and `import` must make the same config in both.</summary>
[Collection(DockerdCollection.Name)]
public sealed partial class ScenarioS2Tests(DockerdFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Clis = [DockerdFixture.DebianCliPath, DockerdFixture.CurrentCliPath];
    private readonly string _work = Directory.CreateTempSubdirectory("berth-compat-s2-").FullName;
    private DockerdDaemon? _dockerd;
    private BerthdProcess? _berthd;

    public async Task InitializeAsync()
    {
        _dockerd = await DockerdDaemon.StartAsync(DockerdDaemon.CreateRootDirectory(), new Dictionary<string, string>());
        _berthd = BerthdProcess.Start();
        var alpine = Path.Combine(_work, "alpine.tar");
        await fixture.Docker.RunCheckedAsync("save", "-o", alpine, DockerdFixture.Image);
        var now = DateTimeOffset.UtcNow;
        var baseLayer = ("base.txt", "the layer app images share\n" + new string('x', 3000));
        // Loaded in this order; the second app:v28 and tool:1 leave the first ones dangling.
        string[] archives =
        [
            alpine,
            Tiny("tool-old", ["tool:1"], now.AddDays(-100), ("tool.txt", "old tool\n")),
            Tiny("v25", ["app:v25"], now.AddDays(-70), baseLayer, ("v25.txt", "25\n")),
            Tiny("v26", ["app:v26"], now.AddDays(-60), baseLayer, ("v26.txt", "26\n")),
            Tiny("v27", ["app:v27", "10.1.2.3:5000/team/app:v27"], now.AddDays(-50), baseLayer, ("v27.txt", "27\n")),
            Tiny("v28-old", ["app:v28"], now.AddDays(-40), ("v28.txt", "first build of 28\n")),
            Tiny("tool-new", ["tool:1"], now.AddDays(-30), ("tool.txt", "new tool\n")),
            Tiny("v28", ["app:v28"], now.AddDays(-20), baseLayer, ("v28.txt", "28\n")),
        ];
        foreach (var archive in archives)
            foreach (var docker in new[] { Docker(DockerdFixture.DebianCliPath), Berth(DockerdFixture.DebianCliPath) })
                await docker.RunCheckedAsync("load", "-q", "-i", archive);
    }

    [Fact]
    public async Task Listings_FiltersAndDiskUsage_AreTheSameAsDockerds()
    {
        string[][] commands =
        [
            ["images"], ["images", "-a"], ["images", "-q"], ["images", "--digests"], ["images", "--no-trunc"],
            ["images", "-f", "dangling=true"], ["images", "-f", "since=app:v26"], ["images", "-f", "before=app:v27"],
            ["images", "--format", "{{.ID}}:{{.Repository}}"], ["images", "app"], ["images", "app:v27"],
            ["image", "ls", "10.1.2.3:5000/team/app"], ["images", "-q", "-f", "since=app:v26"],
            ["system", "df"], ["system", "df", "-v"], ["system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Size}} {{.Reclaimable}}"],
        ];
        foreach (var cli in Clis)
            foreach (var command in commands)
                await AssertSameAsync(cli, command);
        Assert.Contains("<none>", (await Berth(DockerdFixture.CurrentCliPath).RunCheckedAsync("images", "-f", "dangling=true")).Stdout);
    }

    [Fact]
    public async Task BerthCli_PrintsWhatTheDockerClisPrintAgainstBerthd()
    {
        var berth = BerthdProcess.Binary("berth");
        string[][] commands =
        [
            ["system", "df"], ["system", "df", "-v"], ["system", "df", "--format", "{{.Type}}\t{{.Active}}\t{{.Reclaimable}}"],
            ["system", "df", "--format", "table {{.Type}}\t{{.Size}}"],
        ];
        foreach (var command in commands)
        {
            var ours = await ProcessRunner.RunAsync(berth, ["-H", "unix://" + _berthd!.SocketPath, .. command], DockerCli.DefaultTimeout, null, null);
            // The 20.10 CLI's verbose image table sizes some rows with four digits where the current CLI uses three.
            foreach (var cli in command.Contains("-v") ? [DockerdFixture.CurrentCliPath] : Clis)
            {
                var theirs = await Berth(cli).RunAsync(command);
                Assert.True(Normalise(theirs.Stdout) == Normalise(ours.Stdout), $"berth {string.Join(' ', command)} differs from {cli}\n--- docker\n{theirs.Stdout}--- berth\n{ours.Stdout}");
                Assert.Equal(theirs.ExitCode, ours.ExitCode);
            }
        }
    }

    [Fact]
    public async Task RemovingAFilteredSetAndPruning_DoWhatDockerdDoes()
    {
        const string cli = DockerdFixture.CurrentCliPath;
        var ids = await AssertSameAsync(cli, ["images", "-q", "-f", "since=app:v26"]);
        var rmi = ids.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(rmi);
        await AssertSameAsync(cli, ["rmi", .. rmi]);
        await AssertSameAsync(cli, ["images", "-a"]);
        await AssertSameAsync(cli, ["rmi", "-f", .. rmi.Distinct()]);
        await AssertSameAsync(cli, ["images", "-a"]);
        await AssertSameAsync(cli, ["system", "df"]);
        await AssertSameAsync(cli, ["image", "prune", "-f"]);
        await AssertSameAsync(DockerdFixture.DebianCliPath, ["images", "-a"]);
        await AssertSameAsync(DockerdFixture.DebianCliPath, ["system", "df", "-v"]);
    }

    [Fact]
    public async Task Import_MakesTheConfigDockerdMakes()
    {
        var rootfs = Tiny("rootfs-layer", ["unused:1"], DateTimeOffset.UtcNow, ("etc/motd", "imported\n"));
        // The layer alone, as a root filesystem tarball.
        var layerTar = Path.Combine(_work, "rootfs.tar");
        await using (var archive = File.OpenRead(rootfs))
        {
            using var reader = new System.Formats.Tar.TarReader(archive);
            while (reader.GetNextEntry() is { } entry)
                if (entry.Name.EndsWith("layer.tar", StringComparison.Ordinal)) entry.ExtractToFile(layerTar, overwrite: true);
        }
        string[] changes = ["-c", "CMD [\"sh\"]", "-c", "ENV A=b C=\"d e\"", "-c", "EXPOSE 80 90/udp", "-c", "LABEL team=s2",
                            "-c", "WORKDIR /srv", "-c", "USER 1000", "-c", "VOLUME /data", "-c", "ENTRYPOINT /bin/sh -c"];
        foreach (var cli in Clis)
        {
            var tag = cli == DockerdFixture.DebianCliPath ? "imp:debian" : "imp:current";
            var outputs = new List<string>();
            foreach (var docker in new[] { Docker(cli), Berth(cli) })
            {
                var import = await docker.RunCheckedAsync(["import", .. changes, "-m", "side by side", layerTar, tag]);
                Assert.Matches("^sha256:[0-9a-f]{64}\n$", import.Stdout);
                outputs.Add(Inspect(await docker.RunCheckedAsync("image", "inspect", tag), cli == DockerdFixture.DebianCliPath));
            }
            Assert.Equal(outputs[0], outputs[1]);
            // The IDs differ (they hash the creation time): history is compared without them.
            await AssertSameAsync(cli, ["history", "--format", "{{.CreatedSince}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}", tag]);
            await AssertSameAsync(cli, ["import", "-c", "RUN true", layerTar]);
        }

        // A URL is fetched by the daemon itself: both from the same loopback server.
        using var server = ServeFile(layerTar, out var url);
        var fromUrl = new List<string>();
        foreach (var docker in new[] { Docker(DockerdFixture.CurrentCliPath), Berth(DockerdFixture.CurrentCliPath) })
        {
            var import = await docker.RunCheckedAsync("import", "-m", "from a URL", url, "imp:url");
            Assert.EndsWith("\n", import.Stdout);
            fromUrl.Add(Inspect(await docker.RunCheckedAsync("image", "inspect", "imp:url"), sameApi: false));
        }
        Assert.Equal(fromUrl[0], fromUrl[1]);
    }

    // Everything inspect shows except what depends on the moment of import or the engine: Id, Created, DockerVersion,
    // Metadata and GraphDriver. The current CLI speaks API 1.41 to dockerd 20.10 but 1.47 to berthd, where Container
    // and ContainerConfig are gone; those two are compared when both daemons answer the same API version.
    private static string Inspect(CommandResult inspect, bool sameApi)
    {
        var image = JsonDocument.Parse(inspect.Stdout).RootElement[0];
        var kept = new List<KeyValuePair<string, JsonElement>>();
        foreach (var field in new[] { "RepoTags", "RepoDigests", "Parent", "Comment", "Container", "ContainerConfig", "Author", "Config",
                     "Architecture", "Os", "Size", "RootFS" })
            if ((sameApi || !field.StartsWith("Container", StringComparison.Ordinal)) && image.TryGetProperty(field, out var value))
                kept.Add(new(field, value));
        return string.Join('\n', kept.Select(k => $"{k.Key}={k.Value.GetRawText()}"));
    }

    private static HttpListener ServeFile(string path, out string url)
    {
        var port = 20000 + Random.Shared.Next(20000);
        url = $"http://127.0.0.1:{port}/rootfs.tar";
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                await using (var file = File.OpenRead(path)) await file.CopyToAsync(context.Response.OutputStream);
                context.Response.Close();
            }
        });
        return listener;
    }

    // Runs the command with one CLI against both daemons; stdout, stderr and exit code must agree. Returns stdout.
    private async Task<string> AssertSameAsync(string cli, string[] command)
    {
        var expected = await Docker(cli).RunAsync(command);
        var actual = await Berth(cli).RunAsync(command);
        var what = $"{cli} {string.Join(' ', command)}";
        Assert.True(expected.ExitCode == actual.ExitCode, $"{what}: exit {expected.ExitCode} from dockerd, {actual.ExitCode} from berthd\n{actual.Describe()}");
        Assert.True(Normalise(expected.Stdout) == Normalise(actual.Stdout), $"{what}: stdout differs\n--- dockerd\n{expected.Stdout}--- berthd\n{actual.Stdout}");
        Assert.True(Normalise(expected.Stderr) == Normalise(actual.Stderr), $"{what}: stderr differs\n--- dockerd\n{expected.Stderr}--- berthd\n{actual.Stderr}");
        return actual.Stdout;
    }

    // Outputs compare byte for byte, except for two things that vary within dockerd's own answers:
    // - the age of an image made during the test (alpine, built by the fixture; imports) may tick between the two
    //   runs, and with it the padding of its table column;
    // - the docker CLI prints the repositories of one image in Go's map order, that is at random, so rows of one
    //   image (consecutive rows with the same ID) are compared as a set.
    private static string Normalise(string text)
    {
        if (RecentAge().IsMatch(text))
            text = string.Join('\n', RecentAge().Replace(text, "<recent> ago").Split('\n').Select(l => Padding().Replace(l, "  ")));
        var lines = text.Split('\n');
        var result = new List<string>();
        for (var i = 0; i < lines.Length;)
        {
            var id = ImageId().Match(lines[i]);
            var end = i + 1;
            while (id.Success && end < lines.Length && ImageId().Match(lines[end]) is { Success: true } next && next.Value == id.Value) end++;
            result.AddRange(lines[i..end].Order(StringComparer.Ordinal));
            i = end;
        }
        return string.Join('\n', result);
    }

    [GeneratedRegex(@"\b(sha256:)?[0-9a-f]{12}([0-9a-f]{52})?\b")]
    private static partial Regex ImageId();

    [GeneratedRegex(@"(Less than a second|\d+ seconds?|About a minute|\d+ minutes) ago")]
    private static partial Regex RecentAge();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex Padding();

    private string Tiny(string file, string[] tags, DateTimeOffset created, params (string, string)[] layers)
        => TinyImageArchive.Write(Path.Combine(_work, file + ".tar"), tags, created, layers);

    private DockerCli Docker(string cli) => new(cli, _dockerd!.SocketPath, _dockerd.ClientConfigDirectory);

    private DockerCli Berth(string cli) => new(cli, _berthd!.SocketPath, Path.Combine(_work, "config"));

    public async Task DisposeAsync()
    {
        _berthd?.Dispose();
        if (_dockerd is not null) await _dockerd.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }
}

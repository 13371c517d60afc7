using System.Formats.Tar;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.Images;

/// <summary>POST /images/load answers the JSON message stream dockerd 20.10 sends for the same tarball (progress per
/// new layer, then the result lines; errors as its error message), and the CLIs show it as they do with dockerd.</summary>
[Collection(DockerdCollection.Name)]
public sealed partial class LoadProgressTests(DockerdFixture fixture) : IAsyncLifetime
{
    private const string Image = "berth-progress:1";
    private readonly BerthdProcess _berthd = BerthdProcess.Start();
    private readonly string _work = Directory.CreateTempSubdirectory("berth-compat-progress-").FullName;
    private string _archive = "";

    private static string BerthCli => Path.Combine(System.Environment.GetEnvironmentVariable("BERTH_BIN_DIR") is { Length: > 0 } bin
        ? bin : Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "bin"), "berth");

    private DockerCli OnBerthd(string cli) => new(cli, _berthd.SocketPath, Path.Combine(_work, "client"));

    /// <summary>An image of two new layers (3 MB and 1.5 MB) on alpine, saved by dockerd; alpine is in both stores,
    /// so both daemons unpack the same two layers.</summary>
    public async Task InitializeAsync()
    {
        var context = Directory.CreateDirectory(Path.Combine(_work, "context")).FullName;
        foreach (var (name, size, seed) in new[] { ("one.bin", 3_000_000, 1), ("two.bin", 1_500_000, 2) })
        {
            var bytes = new byte[size];
            new Random(seed).NextBytes(bytes);
            await File.WriteAllBytesAsync(Path.Combine(context, name), bytes);
        }
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), $"FROM {DockerdFixture.Image}\nCOPY one.bin /one.bin\nCOPY two.bin /two.bin\n");
        await fixture.Docker.RunCheckedAsync("build", "-q", "-t", Image, context);
        _archive = Path.Combine(_work, "progress.tar");
        await fixture.Docker.RunCheckedAsync("save", "-o", _archive, Image);
        await fixture.Docker.RunCheckedAsync("rmi", Image);
        var alpine = Path.Combine(_work, "alpine.tar");
        await fixture.Docker.RunCheckedAsync("save", "-o", alpine, DockerdFixture.Image);
        await OnBerthd(DockerdFixture.CurrentCliPath).RunCheckedAsync("load", "-i", alpine);
    }

    private static async Task<(HttpStatusCode Status, List<JsonElement> Messages)> LoadAsync(string socket, string archive, string query)
    {
        using var http = UnixSocketHttp.For(socket);
        using var body = new StreamContent(File.OpenRead(archive));
        body.Headers.ContentType = new("application/x-tar");
        using var response = await http.PostAsync("/v1.41/images/load" + query, body);
        var text = await response.Content.ReadAsStringAsync();
        var messages = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        return (response.StatusCode, messages);
    }

    private async Task RemoveFromBothAsync()
    {
        await fixture.Docker.RunAsync("rmi", Image);
        await OnBerthd(DockerdFixture.CurrentCliPath).RunAsync("rmi", Image);
    }

    private static string Keys(JsonElement message) => string.Join(",", message.EnumerateObject().Select(p =>
        p.Value.ValueKind == JsonValueKind.Object ? $"{p.Name}{{{Keys(p.Value)}}}" : p.Name));

    private static bool IsProgress(JsonElement m) => m.TryGetProperty("progressDetail", out _);

    [Fact]
    public async Task Progress_HasDockerdsMessagesInDockerdsOrder()
    {
        var (dockerdStatus, dockerd) = await LoadAsync(fixture.Daemon.SocketPath, _archive, "?quiet=0");
        var (berthdStatus, berthd) = await LoadAsync(_berthd.SocketPath, _archive, "?quiet=0");
        await RemoveFromBothAsync();
        Assert.Equal(HttpStatusCode.OK, dockerdStatus);
        Assert.Equal(HttpStatusCode.OK, berthdStatus);

        // Progress first, layer by layer in the same order, then the same result lines.
        foreach (var messages in new[] { dockerd, berthd })
            Assert.Equal(messages.Count(IsProgress), messages.TakeWhile(IsProgress).Count());
        Assert.Equal(dockerd.SkipWhile(IsProgress).Select(m => m.GetRawText()), berthd.SkipWhile(IsProgress).Select(m => m.GetRawText()));
        var layers = dockerd.Where(IsProgress).Select(m => m.GetProperty("id").GetString()).Distinct().ToList();
        Assert.Equal(2, layers.Count);
        Assert.Equal(layers, berthd.Where(IsProgress).Select(m => m.GetProperty("id").GetString()).Distinct());
        foreach (var message in dockerd.Concat(berthd).Where(IsProgress))
        {
            Assert.Equal("status,progressDetail{current,total},progress,id", Keys(message));
            Assert.Equal("Loading layer", message.GetProperty("status").GetString());
            Assert.Matches(ProgressPattern(), message.GetProperty("progress").GetString());
        }
        foreach (var id in layers)
        {
            var fromDockerd = dockerd.Where(m => IsProgress(m) && m.GetProperty("id").GetString() == id).ToList();
            var fromBerthd = berthd.Where(m => IsProgress(m) && m.GetProperty("id").GetString() == id).ToList();
            // Each layer ends at its full size, the same text in both; how many steps come before depends on timing.
            Assert.Equal(fromDockerd[^1].GetRawText(), fromBerthd[^1].GetRawText());
            Assert.Equal(fromDockerd[^1].GetProperty("progressDetail").GetProperty("total").GetInt64(),
                fromDockerd[^1].GetProperty("progressDetail").GetProperty("current").GetInt64());
            Assert.All(fromBerthd, m => Assert.Equal(fromDockerd[0].GetProperty("progressDetail").GetProperty("total").GetInt64(),
                m.GetProperty("progressDetail").GetProperty("total").GetInt64()));
        }
    }

    [GeneratedRegex(@"^\[=*>\s*\]\s+[\d.]+[kMG]?B/[\d.]+[kMG]?B$")]
    private static partial Regex ProgressPattern();

    [Theory]
    [InlineData("?quiet=1")]
    [InlineData("")]
    public async Task Quiet_SendsOnlyTheResultLines(string query)
    {
        var (_, dockerd) = await LoadAsync(fixture.Daemon.SocketPath, _archive, query);
        var (_, berthd) = await LoadAsync(_berthd.SocketPath, _archive, query);
        await RemoveFromBothAsync();
        Assert.Equal(["""{"stream":"Loaded image: berth-progress:1\n"}"""], dockerd.Select(m => m.GetRawText()));
        Assert.Equal(dockerd.Select(m => m.GetRawText()), berthd.Select(m => m.GetRawText()));
    }

    [Fact]
    public async Task AFailureAfterTheFirstMessage_IsDockerdsErrorMessage()
    {
        var broken = BreakLastLayer();
        var (dockerdStatus, dockerd) = await LoadAsync(fixture.Daemon.SocketPath, broken, "?quiet=0");
        var imagesBefore = (await OnBerthd(DockerdFixture.DebianCliPath).RunCheckedAsync("images", "-a", "--format", "{{.ID}} {{.Repository}}:{{.Tag}} {{.Size}}")).Stdout;
        var (berthdStatus, berthd) = await LoadAsync(_berthd.SocketPath, broken, "?quiet=0");
        Assert.Equal(HttpStatusCode.OK, dockerdStatus);
        Assert.Equal(HttpStatusCode.OK, berthdStatus);
        foreach (var messages in new[] { dockerd, berthd })
        {
            Assert.True(IsProgress(messages[0]));
            Assert.Equal("errorDetail{message},error", Keys(messages[^1]));
            Assert.Equal(messages[^1].GetProperty("error").GetString(), messages[^1].GetProperty("errorDetail").GetProperty("message").GetString());
        }
        Assert.Contains("does not match the image config", berthd[^1].GetProperty("error").GetString());
        Assert.Equal(imagesBefore, (await OnBerthd(DockerdFixture.DebianCliPath).RunCheckedAsync("images", "-a", "--format", "{{.ID}} {{.Repository}}:{{.Tag}} {{.Size}}")).Stdout);

        // When nothing was sent yet (always, when quiet), berthd answers with a status where dockerd says 200.
        var (quietStatus, quiet) = await LoadAsync(_berthd.SocketPath, broken, "?quiet=1");
        Assert.Equal(HttpStatusCode.BadRequest, quietStatus);
        Assert.Contains("does not match the image config", quiet.Single().GetProperty("message").GetString());
    }

    // The archive with its last layer replaced by another tar: its content no longer hashes to the config's diff ID.
    private string BreakLastLayer()
    {
        var broken = Path.Combine(_work, "broken.tar");
        var entries = new List<(string Name, byte[] Data)>();
        using (var reader = new TarReader(File.OpenRead(_archive)))
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                using var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                entries.Add((entry.Name, data.ToArray()));
            }
        var manifest = JsonDocument.Parse(entries.Single(e => e.Name == "manifest.json").Data).RootElement;
        var last = manifest[0].GetProperty("Layers").EnumerateArray().Last().GetString();
        var replacement = new MemoryStream();
        using (var writer = new TarWriter(replacement, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "other.bin") { DataStream = new MemoryStream(new byte[200_000]) });
        using (var writer = new TarWriter(File.Create(broken), TarEntryFormat.Pax))
            foreach (var (name, data) in entries)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(name == last ? replacement.ToArray() : data) });
        return broken;
    }

    [Theory]
    [InlineData(DockerdFixture.CurrentCliPath)]
    [InlineData(DockerdFixture.DebianCliPath)]
    public async Task OffATerminal_TheDockerCliPrintsTheSameThroughBerthdAndBerthToo(string cli)
    {
        var throughDockerd = await fixture.Cli(cli).RunCheckedAsync("load", "-i", _archive);
        var throughBerthd = await OnBerthd(cli).RunCheckedAsync("load", "-i", _archive);
        await RemoveFromBothAsync();
        var berth = await ProcessRunner.RunAsync(BerthCli, ["-H", "unix://" + _berthd.SocketPath, "load", "-i", _archive], TimeSpan.FromMinutes(2));
        await RemoveFromBothAsync();
        Assert.Equal("Loaded image: berth-progress:1\n", throughDockerd.Stdout);
        Assert.Equal(throughDockerd.Stdout, throughBerthd.Stdout);
        Assert.Equal(throughDockerd.Stdout, berth.Stdout);
        Assert.Equal("", berth.Stderr);
    }

    [Fact]
    public async Task ALoadTakingATagFromAnotherImage_SaysSoAsDockerdDoes()
    {
        var outputs = new List<string>();
        foreach (var docker in new[] { fixture.Docker, OnBerthd(DockerdFixture.DebianCliPath) })
        {
            await docker.RunCheckedAsync("tag", DockerdFixture.Image, Image);
            outputs.Add((await docker.RunCheckedAsync("load", "-i", _archive)).Stdout);
        }
        await RemoveFromBothAsync();
        Assert.StartsWith($"The image {Image} already exists, renaming the old one with ID sha256:", outputs[0]);
        Assert.Equal(outputs[0], outputs[1]);
    }

    [Theory]
    [InlineData(150)]
    [InlineData(80)]
    public async Task OnATerminal_BerthDrawsTheLayerLinesTheDockerCliDraws(int columns)
    {
        var transcripts = new List<string>();
        foreach (var command in new[] { [BerthCli, "-H", "unix://" + _berthd.SocketPath, "load", "-i", _archive],
                     new[] { DockerdFixture.DebianCliPath, "load", "-i", _archive } })
        {
            // Both sides read the window size: a bar only on lines wider than 110 columns.
            using var session = TerminalSession.Start(["sh", "-c", $"stty cols {columns} rows 40; exec \"$@\"", "sh", .. command],
                OnBerthd(DockerdFixture.DebianCliPath).Environment);
            Assert.Equal(0, await session.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            transcripts.Add(session.Transcript);
            await OnBerthd(DockerdFixture.CurrentCliPath).RunCheckedAsync("rmi", Image);
        }
        // What stays on screen: each layer's line at its end, and the result.
        var ends = transcripts.Select(t => FinalLayerLines().Matches(t).Select(m => m.Value).ToList()).ToList();
        Assert.Equal(2, ends[0].Count);
        Assert.Equal(ends[1], ends[0]);
        Assert.Matches(columns > 110 ? @"^[0-9a-f]{12}: Loading layer \[=+>\]  [\d.]+[kM]B/[\d.]+[kM]B$"
            : @"^[0-9a-f]{12}: Loading layer +[\d.]+[kM]B/[\d.]+[kM]B$", ends[0][0]);
        Assert.All(transcripts, t => Assert.EndsWith("Loaded image: berth-progress:1\r\n", t));
    }

    [GeneratedRegex(@"[0-9a-f]{12}: Loading layer (\[=+>\] )? *([\d.]+[kM]B)/\2")]
    private static partial Regex FinalLayerLines();

    public Task DisposeAsync()
    {
        _berthd.Dispose();
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }
}

using System.Formats.Tar;
using System.Net;
using System.Text.Json;
using Berth.CompatibilityTests.Harness;
using Berth.Oci.Image;
using Berth.Storage;
using Berth.Storage.Containers;
using Berth.Storage.Layers;
using Berth.Storage.Snapshots;
using Xunit.Sdk;

namespace Berth.CompatibilityTests.DockerdRuntime.Storage;

/// <summary>Berth's diff, export, cp and commit computed on dockerd 20.10's own overlay2 directories of a container,
/// compared with what dockerd answers for the same container.</summary>
public sealed class ContainerStorageTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    private const string Changes =
        "echo hi > /etc/newfile; echo x >> /etc/motd; rm /etc/issue; mkdir -p /usr/local/a/b; touch /usr/local/a/b/c; " +
        "rm -rf /var/cache; mkdir /var/cache; touch /var/cache/z; rm -rf /media/cdrom; ln -s /etc/shadow /lnk; " +
        "ln -s ../../../../etc/passwd /rel; ln -s /nonexist /dangling; mkdir /dirx; ln -s /etc /etclink; " +
        "ln /etc/newfile /etc/newlink; chmod 700 /opt";

    private sealed record Overlay(string Upper, string[] Lowers);

    private async Task<(string Name, Overlay Dirs)> ChangedContainerAsync(string command = Changes)
    {
        var name = NewContainerName("runc");
        await DockerOkAsync([.. RunOptions("runc", "--name", name), DockerdFixture.Image, "sh", "-c", command]);
        var data = (await Docker.InspectAsync(name)).GetProperty("GraphDriver").GetProperty("Data");
        return (name, new Overlay(data.GetProperty("UpperDir").GetString()!, data.GetProperty("LowerDir").GetString()!.Split(':')));
    }

    [Fact]
    public async Task Diff_MatchesDockerDiff()
    {
        var (name, dirs) = await ChangedContainerAsync();
        var docker = await DockerOkAsync("diff", name);

        var ours = ContainerChanges.Of(dirs.Upper, dirs.Lowers).Select(c => $"{"CAD"[(int)c.Kind]} {c.Path}").Order().ToList();
        var theirs = docker.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();

        CheckEqual(string.Join('\n', theirs), string.Join('\n', ours), "docker diff", docker);
    }

    [Fact]
    public async Task ExportAndArchive_MatchDockerd()
    {
        var (name, dirs) = await ChangedContainerAsync();
        using var view = MergedView.Of(dirs);
        using var http = UnixSocketHttp.For(Fixture.Daemon.SocketPath);

        var export = await http.GetByteArrayAsync($"/v1.41/containers/{name}/export");
        var ourExport = new MemoryStream();
        ContainerExport.Write(view.Root, ourExport);
        CheckSame(string.Join('\n', Entries(export).Order()), string.Join('\n', Entries(ourExport.ToArray()).Order()), "export entries");

        string[] paths = ["/lnk", "/rel", "/dangling", "/etc/motd", "/etc/", "/etc/.", "/.", "/dirx/.", "/etclink", "/etclink/",
            "/etclink/../../../../etc/motd", "etc/motd", "/nope", "/dangling/", "/etc/motd/", "/etc/motd/.", "/lnk/"];
        foreach (var path in paths)
        {
            using var response = await http.GetAsync($"/v1.41/containers/{name}/archive?path={Uri.EscapeDataString(path)}");
            var body = await response.Content.ReadAsByteArrayAsync();
            string ours;
            try
            {
                var archive = ContainerArchive.Open(view.Root, path, name);
                var tar = new MemoryStream();
                archive.WriteTo(tar);
                ours = Describe(200, archive.Stat, WithoutNetworkFiles(Entries(tar.ToArray())));
            }
            catch (StorageException e)
            {
                ours = e.StatusCode == 500 ? "500" : $"{e.StatusCode} {e.Message}";
            }
            var theirs = response.StatusCode switch
            {
                HttpStatusCode.OK => Describe(200, ContainerPathStat.FromHeaderValue(response.Headers.GetValues("X-Docker-Container-Path-Stat").Single()), WithoutNetworkFiles(Entries(body))),
                // dockerd names its host path in these; only the status is comparable.
                HttpStatusCode.InternalServerError => "500",
                var status => $"{(int)status} {JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()}",
            };
            CheckSame(theirs, ours, $"GET archive?path={path}");
        }
    }

    [Fact]
    public async Task Extract_AnswersAsDockerd()
    {
        var (name, dirs) = await ChangedContainerAsync();
        using var view = MergedView.Of(dirs);
        using var http = UnixSocketHttp.For(Fixture.Daemon.SocketPath);
        var cases = new (string Query, byte[] Tar)[]
        {
            ("path=/dirx", Tar(w => { File(w, "ok1"); File(w, "../evil"); })),
            ("path=/dirx", Tar(w => Link(w, TarEntryType.SymbolicLink, "s1", "../../../../etc"))),
            ("path=/dirx", Tar(w => Link(w, TarEntryType.HardLink, "h1", "../../etc/passwd"))),
            ("path=/etc/motd", Tar(w => File(w, "f"))),
            ("path=/lnk", Tar(w => File(w, "f"))),
            ("path=/nope", Tar(w => File(w, "f"))),
            ("path=/dangling", Tar(w => File(w, "f"))),
            ("path=/&noOverwriteDirNonDir=true", Tar(w => File(w, "etc"))),
            ("path=/etc&noOverwriteDirNonDir=true", Tar(w => Directory(w, "motd/"))),
            ("path=", Tar(w => File(w, "f"))),
            ("path=/etclink", Tar(w => File(w, "vialink"))),
            ("path=/dirx", Tar(w => { File(w, "/abs"); Link(w, TarEntryType.SymbolicLink, "s2", "/etc"); })),
        };
        foreach (var (query, tar) in cases)
        {
            using var content = new ByteArrayContent(tar);
            using var response = await http.PutAsync($"/v1.41/containers/{name}/archive?{query}", content);
            var body = await response.Content.ReadAsStringAsync();
            var theirs = response.IsSuccessStatusCode ? "200" : $"{(int)response.StatusCode} {JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()}";
            var parameters = System.Web.HttpUtility.ParseQueryString(query);
            string ours;
            try
            {
                ArchiveExtraction.Extract(view.Root, parameters["path"] ?? "", name, new MemoryStream(tar), view.Spool,
                    parameters["noOverwriteDirNonDir"] == "true", owner: null);
                ours = "200";
            }
            catch (StorageException e)
            {
                ours = $"{e.StatusCode} {e.Message}";
            }
            CheckEqual(theirs, ours, $"PUT archive?{query}");
        }
    }

    [Theory]
    [InlineData(Changes)]
    [InlineData("true")]
    public async Task CommitConfig_MatchesDockerCommit(string command)
    {
        var (name, dirs) = await ChangedContainerAsync(command);
        var commit = await DockerOkAsync("commit", "-m", "a message", "-a", "me <m@x>", name);
        var imageDb = Path.Combine(Fixture.Daemon.RootDirectory, "data", "image", "overlay2", "imagedb", "content", "sha256");
        var theirs = JsonDocument.Parse(System.IO.File.ReadAllBytes(Path.Combine(imageDb, Digest.Parse(commit.Stdout.Trim()).Hex))).RootElement;
        var parentId = Digest.Parse((await Docker.InspectAsync(name)).GetProperty("Image").GetString()!);
        var parent = System.IO.File.ReadAllBytes(Path.Combine(imageDb, parentId.Hex));

        // The layer: our tar of dockerd's upper dir has dockerd's entries (dockerd's own bytes differ in headers).
        var layerTar = new MemoryStream();
        var empty = !System.IO.Directory.EnumerateFileSystemEntries(dirs.Upper).Any();
        var diffId = empty ? (Digest?)null : LayerDiff.Write(dirs.Upper, layerTar);
        var theirIds = theirs.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()!).ToList();
        if (diffId is not null)
        {
            CheckSame(string.Join('\n', Entries(await SavedLayerAsync(commit.Stdout.Trim(), theirIds[^1])).Order()),
                string.Join('\n', Entries(layerTar.ToArray()).Order()), "layer entries");
        }

        var request = new CommitRequest
        {
            UpperDir = dirs.Upper,
            ParentImageId = parentId.ToString(),
            Config = System.Text.Encoding.UTF8.GetBytes(theirs.GetProperty("config").GetRawText()),
            ContainerConfig = System.Text.Encoding.UTF8.GetBytes(theirs.GetProperty("container_config").GetRawText()),
            ContainerId = theirs.GetProperty("container").GetString()!,
            Comment = "a message",
            Author = "me <m@x>",
            DockerVersion = theirs.GetProperty("docker_version").GetString()!,
        };
        var created = Rfc3339.TryParse(theirs.GetProperty("created").GetString(), out var t) ? t : DateTimeOffset.UtcNow;
        var ours = JsonDocument.Parse(CommitConfig.Build(parent, diffId is null ? null : Digest.Parse(theirIds[^1]), request, created)).RootElement;

        CheckEqual(Normalise(theirs), Normalise(ours), "commit config (created times aside)");
    }

    // Long listings: the failure names only what differs.
    private void CheckSame(string expected, string actual, string what)
    {
        if (expected == actual) return;
        string[] Split(string text) => text.Split(["\n", ", "], StringSplitOptions.None);
        var missing = Split(expected).Except(Split(actual));
        var extra = Split(actual).Except(Split(expected));
        throw new XunitException($"{what}: dockerd only: [{string.Join(" | ", missing)}]; Berth only: [{string.Join(" | ", extra)}]");
    }

    private async Task<byte[]> SavedLayerAsync(string image, string diffId)
    {
        using var http = UnixSocketHttp.For(Fixture.Daemon.SocketPath);
        var archive = await http.GetByteArrayAsync($"/v1.41/images/{image}/get");
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            if (!entry.Name.EndsWith("layer.tar", StringComparison.Ordinal) || entry.DataStream is null) continue;
            var bytes = new MemoryStream();
            entry.DataStream.CopyTo(bytes);
            if (Digest.Of(bytes.ToArray()).ToString() == diffId) return bytes.ToArray();
        }
        throw new XunitException($"docker save of {image} holds no layer {diffId}");
    }

    // Both configs with the created times blanked and re-serialised the same way.
    private static string Normalise(JsonElement config)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(config.GetRawText())!.AsObject();
        node["created"] = "";
        var history = node["history"]!.AsArray();
        history[^1]!["created"] = "";
        return node.ToJsonString();
    }

    // dockerd bind-mounts the container's hostname, hosts and resolv.conf into its root for cp; putting the
    // container's mounts in place is the caller's part, so those three are left out here.
    private static List<string> WithoutNetworkFiles(List<string> entries)
        => entries.Where(e => !System.Text.RegularExpressions.Regex.IsMatch(e, @"(^|/)(hostname|hosts|resolv\.conf) ")).ToList();

    private static string Describe(int status, ContainerPathStat stat, List<string> entries)
        => $"{status} {stat.Name} {stat.Size} {stat.Mode} {stat.LinkTarget} [{string.Join(", ", entries)}]";

    /// <summary>Name, type, owner, mode, size and link target of each tar entry.</summary>
    private static List<string> Entries(byte[] tar)
    {
        var entries = new List<string>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } e)
            entries.Add($"{e.Name} {e.EntryType switch { TarEntryType.V7RegularFile => TarEntryType.RegularFile, var x => x }} {e.Uid}:{e.Gid} {Convert.ToString((int)e.Mode, 8)} {e.Length} {(e.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? e.LinkName : "")}");
        return entries;
    }

    private static byte[] Tar(Action<TarWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true)) write(writer);
        return buffer.ToArray();
    }

    private static void File(TarWriter w, string name)
        => w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("abc"u8.ToArray()), Mode = (UnixFileMode)0x1A4 });

    private static void Directory(TarWriter w, string name)
        => w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Mode = (UnixFileMode)0x1ED });

    private static void Link(TarWriter w, TarEntryType type, string name, string target)
        => w.WriteEntry(new PaxTarEntry(type, name) { LinkName = target });

    /// <summary>A writable overlay over dockerd's container (its upper dir as the top lower), so Berth can read and
    /// extract into the same tree dockerd sees without touching dockerd's directories.</summary>
    private sealed class MergedView : IDisposable
    {
        private readonly string _dir;
        private readonly OverlaySnapshotter _overlay;

        private MergedView(string dir, OverlaySnapshotter overlay, string root)
        {
            _dir = dir;
            _overlay = overlay;
            Root = root;
        }

        internal string Root { get; }

        internal string Spool => Path.Combine(_dir, "spool");

        internal static MergedView Of(Overlay dirs)
        {
            var dir = Path.Combine("/tmp", "berth-compat-view-" + Guid.NewGuid().ToString("N")[..8]);
            var overlay = new OverlaySnapshotter(dir);
            overlay.Prepare("view", [dirs.Upper, .. dirs.Lowers]);
            var root = System.IO.Directory.CreateDirectory(Path.Combine(dir, "rootfs")).FullName;
            overlay.Mount("view", root);
            return new MergedView(dir, overlay, root);
        }

        public void Dispose()
        {
            _overlay.Unmount(Root);
            System.IO.Directory.Delete(_dir, recursive: true);
        }
    }
}

using System.Formats.Tar;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.AgainstBerthd;

/// <summary><c>cp</c> both ways and <c>commit</c> + <c>run</c> of the new image against berthd, beside dockerd 20.10.</summary>
public sealed class FileAndImageCommandTests(DockerdFixture dockerd, BerthdWithAlpine berthd) : AgainstBerthdTest(dockerd, berthd)
{
    [Theory]
    [MemberData(nameof(Clis))]
    public async Task Cp_IntoAndOutOfAContainer_AgreesWithDockerd(string cli)
    {
        var name = NewName();
        await OnBothAsync(cli, "run", "-d", "--name", name, "--network", "none", Image, "sleep", "1000");
        var file = Path.Combine(WorkDirectory, "in.txt");
        await File.WriteAllTextAsync(file, "from the host\n");
        Directory.CreateDirectory(Path.Combine(WorkDirectory, "tree", "sub"));
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "tree", "sub", "deep.txt"), "deep\n");

        await CompareAsync(cli, "cp", file, name + ":/tmp/");
        await CompareAsync(cli, "cp", Path.Combine(WorkDirectory, "tree"), name + ":/srv");
        await CompareAsync(cli, "exec", name, "sh", "-c", "cat /tmp/in.txt /srv/tree/sub/deep.txt; find /srv | sort; stat -c '%n %s %a' /tmp/in.txt");

        // Out of the container (/srv existed: the folder went into it): as a tar stream on stdout, and into host files
        // (one folder per daemon).
        var (tarFromDockerd, tarFromBerthd) = await CompareTarAsync(cli, name + ":/srv");
        Assert.Contains("srv/tree/sub/deep.txt=deep\n", tarFromBerthd);
        Assert.Equal(tarFromDockerd, tarFromBerthd);
        foreach (var source in new[] { "/tmp/in.txt", "/etc/alpine-release", "/srv" })
        {
            var (onDockerd, onBerthd) = await CopyOutAsync(cli, name + ":" + source);
            AssertSame(onDockerd.Result, onBerthd.Result);
            Assert.Equal(Tree(onDockerd.Destination), Tree(onBerthd.Destination));
            Assert.NotEmpty(Tree(onBerthd.Destination));
        }
        Assert.Equal("from the host\n", await File.ReadAllTextAsync(Path.Combine(WorkDirectory, "out-berthd", "in.txt")));
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task Commit_ThenRunTheNewImage_AgreesWithDockerd(string cli)
    {
        var name = NewName();
        var image = NewImage();
        await OnBothAsync(cli, "run", "-d", "--name", name, "--network", "none", Image, "sleep", "1000");
        await OnBothAsync(cli, "exec", name, "sh", "-c", "echo added > /root/added; echo modified >> /etc/motd; rm /etc/issue");

        await CompareAsync(cli, "commit", "-m", "made by the test", "-a", "berth", "-c", "CMD [\"cat\", \"/root/added\"]", name, image);
        await CompareAsync(cli, "run", "--rm", "--network", "none", image);
        await CompareAsync(cli, "run", "--rm", "--network", "none", image, "sh", "-c", "tail -n 1 /etc/motd; test -e /etc/issue || echo issue gone");
        await CompareAsync(cli, "image", "inspect", "-f", "{{.Comment}}|{{.Author}}|{{json .Config.Cmd}}|{{len .RootFS.Layers}}|{{.Os}}/{{.Architecture}}", image);
        await CompareAsync(cli, "history", "--format", "{{.CreatedBy}}|{{.Comment}}", image);
        await CompareAsync(cli, "inspect", "-f", "{{.State.Status}} {{.State.Paused}}", name);
    }

    // `docker cp SRC -` writes a tar stream; compared as entry names (and file contents), not bytes (times differ).
    private async Task<(List<string> Dockerd, List<string> Berthd)> CompareTarAsync(string cli, string source)
    {
        var onDockerd = EntriesAsync(Dockerd(cli), source);
        return (await onDockerd, await EntriesAsync(Berthd(cli), source));
    }

    // The runner keeps output as text: the shell puts the tar into a file.
    private async Task<List<string>> EntriesAsync(DockerCli docker, string source)
    {
        var tar = Path.Combine(WorkDirectory, Guid.NewGuid().ToString("N") + ".tar");
        var result = await ProcessRunner.RunAsync("sh", ["-c", "\"$0\" cp \"$1\" - > \"$2\"", docker.Executable, source, tar], DockerCli.DefaultTimeout, docker.Environment);
        Check(result.Succeeded, "cp to stdout failed", result);
        var entries = new List<string>();
        await using var stream = File.OpenRead(tar);
        using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync() is { } entry)
            entries.Add(entry.DataStream is { } data ? entry.Name + "=" + await new StreamReader(data).ReadToEndAsync() : entry.Name);
        return entries;
    }

    private async Task<((CommandResult Result, string Destination) Dockerd, (CommandResult Result, string Destination) Berthd)> CopyOutAsync(
        string cli, string source)
    {
        string dockerdOut = Path.Combine(WorkDirectory, "out-dockerd"), berthdOut = Path.Combine(WorkDirectory, "out-berthd");
        Directory.CreateDirectory(dockerdOut);
        Directory.CreateDirectory(berthdOut);
        var onDockerd = await Dockerd(cli).RunAsync("cp", source, dockerdOut);
        var onBerthd = await Berthd(cli).RunAsync("cp", source, berthdOut);
        // The messages name the destination: the same one for the comparison.
        return ((onDockerd with { Stderr = onDockerd.Stderr.Replace(dockerdOut, "<out>") }, dockerdOut),
                (onBerthd with { Stderr = onBerthd.Stderr.Replace(berthdOut, "<out>") }, berthdOut));
    }

    private static List<string> Tree(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p) + (File.Exists(p) ? "=" + File.ReadAllText(p) : "/"))
            .Order(StringComparer.Ordinal)];
}

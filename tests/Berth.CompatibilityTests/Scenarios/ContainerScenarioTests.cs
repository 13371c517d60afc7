using System.Text.RegularExpressions;
using Berth.CompatibilityTests.AgainstBerthd;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.Scenarios;

/// <summary>
/// Scenarios S1 and S5 of the design as a user lives them with the berth CLI against berthd: one command in a tiny
/// image; an interactive shell in tmux whose changes are committed and found again in a new container; ps with
/// Docker's columns and status texts.
/// </summary>
public sealed partial class ContainerScenarioTests(DockerdFixture dockerd, BerthdWithAlpine berthd) : AgainstBerthdTest(dockerd, berthd)
{
    private const string Alpine = "alpine";

    [Fact]
    public async Task S1_RunAlpineEcho_Prints123AndExitsZero()
    {
        await TagAlpineAsync();
        var run = await BerthAsync("run", Alpine, "echo", "123");
        var last = await BerthCheckedAsync("ps", "-lq");
        await BerthCheckedAsync("rm", last.Stdout.Trim());
        Check(run.Succeeded && run.Stdout == "123\n" && run.Stderr == "", "berth run alpine echo 123", run);
    }

    [Fact]
    public async Task S5_InteractiveChangesCommittedAndFoundInTheNewImage()
    {
        await TagAlpineAsync();
        var image = NewImage();
        using var first = await TmuxPane.StartAsync([Berth, "run", "-it", Alpine, "sh"], Environment);
        await ExpectAsync(first, "echo added > /root/added.txt; echo changed >> /etc/motd; rm /etc/issue; echo done-$((40+2))", "done-42");

        // The container has a generated adjective_surname name and shows in ps with Docker's columns.
        var ps = await BerthCheckedAsync("ps", "--no-trunc", "--filter", "ancestor=" + Alpine);
        var row = Columns(ps.Stdout.Split('\n')[1]);
        Check(row.Length == 6 && row[1] == Alpine && row[2] == "\"sh\"" && UpStatus().IsMatch(row[4]) && GeneratedName().IsMatch(row[5]),
            "ps row of the running container", ps);
        var name = row[5];
        AddContainer(name);

        var diff = await BerthCheckedAsync("diff", name);
        foreach (var change in new[] { "A /root/added.txt", "C /etc/motd", "D /etc/issue" })
            Check(diff.Stdout.Split('\n').Contains(change), $"diff shows {change}", diff);

        var commit = await BerthCheckedAsync("commit", name, image);
        Check(ImageId().IsMatch(commit.Stdout), "commit prints the new image id", commit);

        await first.SendLineAsync("exit 7");
        Check(await first.WaitForExitAsync(StepTimeout) == 7, "run -it returns the shell's status\n" + await first.CaptureAsync());
        var exited = await BerthCheckedAsync("ps", "-a", "--filter", "name=" + name, "--format", "{{.Status}}");
        Check(ExitedStatus().IsMatch(exited.Stdout.Trim()) && exited.Stdout.StartsWith("Exited (7) "), "ps shows the exit", exited);

        using var second = await TmuxPane.StartAsync([Berth, "run", "-it", "--rm", image, "sh"], Environment);
        await ExpectAsync(second, "cat /root/added.txt; tail -n 1 /etc/motd; test -e /etc/issue || echo issue-gone", "issue-gone");
        var screen = await second.CaptureAsync();
        Check(screen.Contains("\nadded") && screen.Contains("\nchanged") && !screen.Contains("No such file"),
            "the committed changes are in the new container\n" + screen);
        await second.SendLineAsync("exit");
        Check(await second.WaitForExitAsync(StepTimeout) == 0, "second shell exits 0\n" + await second.CaptureAsync());

        // history: the committed layer on top of alpine's two steps, created by the container's command.
        var history = await BerthCheckedAsync("history", "--no-trunc", "--format", "{{.ID}}|{{.CreatedBy}}|{{.Size}}", image);
        var layers = history.Stdout.TrimEnd('\n').Split('\n');
        var top = layers[0].Split('|');
        var alpineHistory = await BerthCheckedAsync("history", "-q", Alpine);
        Check(layers.Length == alpineHistory.Stdout.TrimEnd('\n').Split('\n').Length + 1 && top[0] == commit.Stdout.Trim()
            && top[1] == "sh" && top[2] != "0B", "history shows the new layer first", history, alpineHistory);
    }

    [Fact]
    public async Task Ps_ColumnsAndStatusTextsAreDockers()
    {
        await TagAlpineAsync();
        var (running, exited) = (NewName(), NewName());
        await BerthCheckedAsync("run", "-d", "--name", running, "--network", "none", Alpine, "sleep", "1000");
        await BerthCheckedAsync("run", "--name", exited, "--network", "none", Alpine, "true");
        var ps = await BerthCheckedAsync("ps", "-a", "--filter", "name=against-containerscenario");
        var lines = ps.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"], Columns(lines[0]));

        // The same header as docker 28 prints against dockerd (the padding follows the widest cell).
        var docker = await Dockerd(DockerdFixture.CurrentCliPath).RunCheckedAsync("ps", "--filter", "name=^$");
        Assert.Equal(Columns(docker.Stdout.TrimEnd('\n')), Columns(lines[0]));

        var byName = lines.Skip(1).Select(Columns).ToDictionary(r => r[^1]);
        Check(UpStatus().IsMatch(byName[running][4]) && byName[running][3].EndsWith(" ago"), "status of the running container", ps);
        Check(ExitedStatus().IsMatch(byName[exited][4]) && byName[exited][4].StartsWith("Exited (0) "), "status of the exited one", ps);
        Check(byName[running][2] == "\"sleep 1000\"" && byName[exited][1] == Alpine, "command and image columns", ps);
    }

    private static string Berth => BerthdProcess.Binary("berth");

    private IReadOnlyDictionary<string, string?> Environment =>
        new Dictionary<string, string?> { ["BERTH_HOST"] = "unix://" + BerthdDaemon.SocketPath };

    private Task TagAlpineAsync() => BerthCheckedAsync("tag", Image, Alpine);

    private Task<CommandResult> BerthAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Berth, arguments, DockerCli.DefaultTimeout, Environment);

    private async Task<CommandResult> BerthCheckedAsync(params string[] arguments)
    {
        var result = await BerthAsync(arguments);
        Check(result.Succeeded, "berth failed", result);
        return result;
    }

    /// <summary>Types <paramref name="line"/> once the shell prompts, then waits for <paramref name="marker"/> on a line.</summary>
    private static async Task ExpectAsync(TmuxPane pane, string line, string marker)
    {
        Check(await pane.WaitForAsync(s => s.Contains("/ # "), StepTimeout), "no prompt\n" + await pane.CaptureAsync());
        // busybox sh asks the terminal for its cursor position as it starts and swallows keys typed meanwhile, even
        // after its first prompt: type a harmless line until the shell answers it.
        Check(await EventuallyAsync(async () =>
        {
            await pane.SendLineAsync("echo ready-$((20+1))");
            return await pane.WaitForLineAsync("ready-21", TimeSpan.FromSeconds(2));
        }, StepTimeout), "the shell does not answer\n" + await pane.CaptureAsync());
        await pane.SendLineAsync(line);
        Check(await pane.WaitForLineAsync(marker, StepTimeout), $"no {marker}\n" + await pane.CaptureAsync());
    }

    /// <summary>A table row split at runs of two or more spaces, as the columns are padded.</summary>
    private static string[] Columns(string row) => TableGap().Split(row.Trim());

    [GeneratedRegex(" {2,}")]
    private static partial Regex TableGap();

    [GeneratedRegex(@"^Up (Less than a second|1 second|\d+ seconds|About a minute|\d+ minutes)$")]
    private static partial Regex UpStatus();

    [GeneratedRegex(@"^Exited \(\d+\) (Less than a second|1 second|\d+ seconds|About a minute|\d+ minutes) ago$")]
    private static partial Regex ExitedStatus();

    [GeneratedRegex("^[a-z]+_[a-z]+$")]
    private static partial Regex GeneratedName();

    [GeneratedRegex("^sha256:[0-9a-f]{64}\n$")]
    private static partial Regex ImageId();
}

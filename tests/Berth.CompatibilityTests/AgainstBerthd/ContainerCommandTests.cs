using System.Text.RegularExpressions;
using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.AgainstBerthd;

/// <summary><c>run</c>, <c>wait</c>, <c>exec</c>, <c>inspect</c>, <c>pause</c>, <c>top</c> and <c>stats --no-stream</c>
/// against berthd print what they print against dockerd 20.10.</summary>
public sealed partial class ContainerCommandTests(DockerdFixture dockerd, BerthdWithAlpine berthd) : AgainstBerthdTest(dockerd, berthd)
{
    private const string InspectFields =
        "{{.State.Status}} {{.State.Running}} {{.State.Paused}} {{.State.ExitCode}} {{.State.OOMKilled}} {{.State.Error}}|" +
        "{{.Name}} {{.Path}} {{json .Args}} {{.Config.Image}} {{json .Config.Cmd}} {{json .Config.Entrypoint}} {{.Config.Tty}} " +
        "{{.Config.OpenStdin}} {{.Config.WorkingDir}} {{json .Config.Labels}} {{.HostConfig.NetworkMode}} " +
        "{{json .HostConfig.RestartPolicy}} {{.HostConfig.Memory}} {{.RestartCount}} {{.Image}} {{.Platform}} {{json .Mounts}}";

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task RunWaitAndInspect_AgreeWithDockerd(string cli)
    {
        await CompareAsync(cli, "run", "--rm", "--network", "none", Image, "echo", "123");
        var name = NewName();
        await CompareAsync(cli, "run", "--name", name, "--network", "none", "--label", "team=berth", "-w", "/tmp", Image,
            "sh", "-c", "echo out; echo err >&2; pwd; exit 3");
        await CompareAsync(cli, "wait", name);
        await CompareAsync(cli, "logs", name);
        await CompareAsync(cli, "inspect", "-f", InspectFields, name);
        await CompareAsync(cli, "ps", "-a", "--filter", "name=" + name, "--format", "{{.Image}}|{{.Command}}|{{.Status}}|{{.Names}}|{{.Labels}}");
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task Wait_BlocksUntilTheContainerEndsAndPrintsItsStatus(string cli)
    {
        var name = NewName();
        await CompareAsync(cli, "run", "-d", "--name", name, "--network", "none", Image, "sh", "-c", "sleep 1; exit 9");
        var (_, onBerthd) = await CompareAsync(cli, "wait", name);
        Check(onBerthd.Stdout == "9\n", "wait did not print the exit status", onBerthd);
        await CompareAsync(cli, "inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.State.Running}}", name);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task ExecPauseTopAndStats_OnARunningContainer_AgreeWithDockerd(string cli)
    {
        var name = NewName();
        await CompareAsync(cli, "run", "-d", "--name", name, "--network", "none", Image, "sleep", "1000");

        await CompareAsync(cli, "exec", name, "sh", "-c", "echo in; echo err >&2; exit 7");
        await CompareAsync(cli, ["exec", "-i", "-e", "X=1", "-w", "/etc", "-u", "nobody", name, "sh", "-c", "cat; echo $X; pwd; id -u"], "piped\n");
        var (missingOnDockerd, missingOnBerthd) = await ExitCodesAsync(cli, "exec", name, "nosuchcmd");
        // The runtimes word the failure differently (runc, berth-runtime); the status and the stream it is told on agree.
        const string notFound = "exec: \"nosuchcmd\": executable file not found in $PATH";
        Check(missingOnDockerd.ExitCode == 126 && missingOnBerthd.ExitCode == 126 && missingOnBerthd.Stderr == ""
              && missingOnDockerd.Stdout.Contains(notFound) && missingOnBerthd.Stdout.Contains(notFound) && missingOnBerthd.Stdout.EndsWith("\r\n"),
            "exec of a missing command: 126 and the runtime's message on stdout, as with dockerd", missingOnDockerd, missingOnBerthd);
        await CompareAsync(cli, "inspect", "-f", InspectFields, name);

        await CompareAsync(cli, "pause", name);
        await CompareAsync(cli, "inspect", "-f", "{{.State.Status}} {{.State.Running}} {{.State.Paused}}", name);
        await CompareAsync(cli, "ps", "--filter", "name=" + name, "--format", "{{.Status}}");
        await CompareAsync(cli, "ps", "-q", "--filter", "name=" + name, "--filter", "status=paused");
        await CompareAsync(cli, "exec", name, "true");
        await CompareAsync(cli, "unpause", name);
        await CompareAsync(cli, "inspect", "-f", "{{.State.Status}} {{.State.Running}} {{.State.Paused}}", name);
        await CompareAsync(cli, "unpause", name);

        await CompareTopAsync(cli, name);
        await CompareStatsAsync(cli, name);
    }

    // The process table differs in pids, start times and CPU; the columns and the commands must not.
    private async Task CompareTopAsync(string cli, string name)
    {
        foreach (string[] options in new[] { Array.Empty<string>(), ["-o", "user,pid,comm,args"] })
        {
            var (onDockerd, onBerthd) = await ExitCodesAsync(cli, ["top", name, .. options]);
            Check(onDockerd.Succeeded && onBerthd.Succeeded, "top failed", onDockerd, onBerthd);
            Check(Columns(onDockerd.Stdout) == Columns(onBerthd.Stdout), "top: the columns differ", onDockerd, onBerthd);
            Check(Commands(onDockerd.Stdout) == Commands(onBerthd.Stdout), "top: the processes differ", onDockerd, onBerthd);
        }
    }

    // Usage figures differ; the table's columns, the rows' shape, and what is fixed (name, pids, network I/O) must not.
    private async Task CompareStatsAsync(string cli, string name)
    {
        var (onDockerd, onBerthd) = await ExitCodesAsync(cli, "stats", "--no-stream", name);
        Check(onDockerd.Succeeded && onBerthd.Succeeded, "stats failed", onDockerd, onBerthd);
        Check(Columns(onDockerd.Stdout) == Columns(onBerthd.Stdout), "stats: the columns differ", onDockerd, onBerthd);
        var row = onBerthd.Stdout.Split('\n')[1];
        Check(StatsRow().IsMatch(row), "stats: the row does not have Docker's shape", onBerthd);
        await CompareAsync(cli, "stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}} {{.NetIO}}", name);
        var memory = await Berthd(cli).RunCheckedAsync("stats", "--no-stream", "--format", "{{.MemUsage}}|{{.CPUPerc}}|{{.MemPerc}}|{{.BlockIO}}", name);
        Check(StatsFormatted().IsMatch(memory.Stdout), "stats --format: unexpected values", memory);
    }

    private async Task<(Harness.CommandResult Dockerd, Harness.CommandResult Berthd)> ExitCodesAsync(string cli, params string[] arguments)
    {
        var onDockerd = Dockerd(cli).RunAsync(arguments);
        var onBerthd = await Berthd(cli).RunAsync(arguments);
        return (await onDockerd, onBerthd);
    }

    private static string Columns(string table) => Normalise(table.Split('\n')[0]);

    // top's last column (CMD, or COMMAND with -o) is what ps shows: the same image, the same command.
    private static string Commands(string table) =>
        string.Join('\n', table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => Regex.Split(line.Trim(), " {2,}") is var cells && cells.Length > 2 ? cells[0] + "|" + cells[^1] : line));

    [GeneratedRegex(@"^[0-9a-f]{12}\s+\S+\s+\d+\.\d\d%\s+[\d.]+[KMG]?i?B / [\d.]+[KMGT]iB\s+\d+\.\d\d%\s+[\d.]+k?B / [\d.]+k?B\s+[\d.]+[kMG]?B / [\d.]+[kMG]?B\s+\d+$")]
    private static partial Regex StatsRow();

    [GeneratedRegex(@"^[\d.]+[KMG]?i?B / [\d.]+[KMGT]iB\|\d+\.\d\d%\|\d+\.\d\d%\|[\d.]+[kMG]?B / [\d.]+[kMG]?B\n$")]
    private static partial Regex StatsFormatted();
}

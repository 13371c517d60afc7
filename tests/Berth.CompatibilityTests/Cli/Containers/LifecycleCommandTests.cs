using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>start, logs, wait, stop, restart, kill, pause, rm, attach and exec on containers of each client.</summary>
public sealed class LifecycleCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    [Fact]
    public async Task CreateStartLogsWaitRemove_AgreeWithDocker()
    {
        var (d, b) = (NewName("docker"), NewName("berth"));
        // Both daemons read stdout and stderr on separate readers, so two lines written back to back may be logged in
        // either order; the pause fixes the order that `logs --tail 1` depends on.
        await CompareAsync(["create", "--name", "{name}", "--network", "none", Image, "sh", "-c", "echo one; sleep 0.2; echo two >&2; exit 5"], null, d, b);
        await CompareAsync(["start", "{name}"], null, d, b);
        await CompareAsync(["wait", "{name}"], null, d, b);
        await CompareAsync(["logs", "{name}"], null, d, b);
        await CompareAsync(["logs", "--tail", "1", "{name}"], null, d, b);
        await CompareAsync(["start", "-a", "{name}"], null, d, b);
        await CompareAsync(["attach", "{name}"], null, d, b);
        await CompareAsync(["rm", "{name}"], null, d, b);
        await CompareAsync(["rm", "{name}"], null, d, b);
    }

    [Fact]
    public async Task RunningContainer_ExecStopRestartKillPause()
    {
        var (d, b) = (NewName("docker"), NewName("berth"));
        await CompareAsync(["run", "-d", "--name", "{name}", "--network", "none", Image, "sleep", "1000"], null, d, b);
        await CompareAsync(["exec", "{name}", "sh", "-c", "echo in; echo err >&2; exit 4"], null, d, b);
        await CompareAsync(["exec", "-i", "{name}", "cat"], "piped\n", d, b);
        await CompareAsync(["exec", "-e", "X=1", "-w", "/tmp", "-u", "nobody", "{name}", "sh", "-c", "echo $X; pwd; id -u"], null, d, b);
        await CompareAsync(["exec", "{name}", "nosuchcmd"], null, d, b);
        await CompareAsync(["pause", "{name}"], null, d, b);
        await CompareAsync(["attach", "{name}"], null, d, b);
        await CompareAsync(["rm", "{name}"], null, d, b);
        await CompareAsync(["unpause", "{name}"], null, d, b);
        await CompareAsync(["kill", "-s", "NOPE", "{name}"], null, d, b);
        await CompareAsync(["restart", "-t", "0", "{name}"], null, d, b);
        await CompareAsync(["stop", "-t", "0", "{name}"], null, d, b);
        await CompareAsync(["exec", "{name}", "true"], null, d, b);
        await CompareAsync(["kill", "{name}"], null, d, b);
        await CompareAsync(["rm", "-f", "{name}"], null, d, b);
    }

    public static TheoryData<string[]> MissingContainer => new()
    {
        { ["start", "berth-nosuch"] }, { ["stop", "berth-nosuch"] }, { ["restart", "berth-nosuch"] }, { ["kill", "berth-nosuch"] },
        { ["rm", "berth-nosuch"] }, { ["rm", "-f", "berth-nosuch"] }, { ["logs", "berth-nosuch"] }, { ["wait", "berth-nosuch"] },
        { ["attach", "berth-nosuch"] }, { ["exec", "berth-nosuch", "ls"] }, { ["pause", "berth-nosuch"] },
        { ["inspect", "berth-nosuch"] }, { ["inspect", "--type", "container", "berth-nosuch"] }, { ["container", "inspect", "berth-nosuch"] },
    };

    [Theory]
    [MemberData(nameof(MissingContainer))]
    public Task MissingContainer_SameMessageAndStatus(string[] arguments) => CompareAsync(arguments);
}

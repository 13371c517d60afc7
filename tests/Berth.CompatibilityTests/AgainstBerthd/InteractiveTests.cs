using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.AgainstBerthd;

/// <summary>
/// The docker CLIs on a terminal (util-linux <c>script</c>) against berthd: <c>run -it</c>, <c>exec -it</c>,
/// <c>attach</c> with the default and custom detach keys, and <c>logs -f</c> while output flows. The expected exit
/// statuses and messages are dockerd 20.10's (ctrl-p ctrl-q: "read escape sequence", status 1).
/// </summary>
public sealed class InteractiveTests(DockerdFixture dockerd, BerthdWithAlpine berthd) : AgainstBerthdTest(dockerd, berthd)
{
    [Theory]
    [MemberData(nameof(Clis))]
    public async Task RunIt_RunsWhatIsTypedAndReturnsTheShellsStatus(string cli)
    {
        var name = NewName();
        using var session = Terminal(cli, "run", "-it", "--rm", "--name", name, "--network", "none", Image, "sh");
        await ConverseAsync(session, exitStatus: 3);
        Check(await EventuallyAsync(async () => (await Berthd(cli).RunAsync("inspect", name)).ExitCode == 1, StepTimeout),
            "--rm did not remove the container");
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task ExecIt_RunsWhatIsTypedAndReturnsTheShellsStatus(string cli)
    {
        var name = NewName();
        await OnBerthdAsync(cli, "run", "-d", "--name", name, "--network", "none", Image, "sleep", "1000");
        using var session = Terminal(cli, "exec", "-it", name, "sh");
        await ConverseAsync(session, exitStatus: 5);
        Assert.Equal("running\n", (await OnBerthdAsync(cli, "inspect", "-f", "{{.State.Status}}", name)).Stdout);
    }

    [Theory]
    [InlineData(DockerdFixture.CurrentCliPath, null, "\u0010\u0011")]
    [InlineData(DockerdFixture.DebianCliPath, null, "\u0010\u0011")]
    [InlineData(DockerdFixture.CurrentCliPath, "ctrl-x,x", "\u0018x")]
    [InlineData(DockerdFixture.DebianCliPath, "ctrl-x,x", "\u0018x")]
    public async Task Attach_DetachKeysLeaveTheContainerRunning(string cli, string? detachKeys, string keys)
    {
        var name = NewName();
        await OnBerthdAsync(cli, "run", "-d", "-it", "--name", name, "--network", "none", Image, "sh");
        using var session = detachKeys is null ? Terminal(cli, "attach", name) : Terminal(cli, "attach", "--detach-keys", detachKeys, name);
        // Attaching shows nothing until the shell prints again: type until it answers.
        Check(await EventuallyAsync(async () =>
        {
            await session.SendLineAsync("echo $((6*7)) > /tmp/typed; echo typed-$((6*7))");
            return await session.WaitForLineAsync("typed-42", TimeSpan.FromSeconds(2));
        }, StepTimeout), "typed input was not executed\n" + session.Transcript);

        await session.SendLineAsync(keys);
        var status = await session.WaitForExitAsync(StepTimeout);
        Check(status == 1 && session.Transcript.Contains("read escape sequence"), $"detaching: status {status}\n" + session.Transcript);
        Assert.Equal("running\n", (await OnBerthdAsync(cli, "inspect", "-f", "{{.State.Status}}", name)).Stdout);
        Assert.Equal("42\n", (await OnBerthdAsync(cli, "exec", name, "cat", "/tmp/typed")).Stdout);
    }

    [Theory]
    [MemberData(nameof(Clis))]
    public async Task LogsFollow_ShowsLinesAsTheyComeAndEndsWithTheContainer(string cli)
    {
        var name = NewName();
        await OnBerthdAsync(cli, "run", "-d", "--name", name, "--network", "none", Image,
            "sh", "-c", "i=0; while [ ! -e /tmp/stop ]; do i=$((i+1)); echo tick $i; sleep 0.2; done; echo stopped; exit 4");
        Check(await EventuallyAsync(async () => (await Berthd(cli).RunAsync("logs", name)).Stdout.Contains("tick 2\n"), StepTimeout), "no output");

        using var session = Terminal(cli, "logs", "-f", name);
        Check(await session.WaitForLineAsync("tick 2", StepTimeout), "logs -f did not show the history\n" + session.Transcript);
        // Lines written after logs -f started (later than anything the history held) must arrive.
        var seen = TerminalSession.Lines((await OnBerthdAsync(cli, "logs", name)).Stdout).Count(l => l.StartsWith("tick "));
        Check(await session.WaitForLineAsync($"tick {seen + 3}", StepTimeout), "logs -f did not follow\n" + session.Transcript);
        Check(!session.Transcript.Contains("stopped"), "the container stopped early\n" + session.Transcript);

        await OnBerthdAsync(cli, "exec", name, "touch", "/tmp/stop");
        Check(await session.WaitForLineAsync("stopped", StepTimeout), "logs -f missed the last line\n" + session.Transcript);
        Assert.Equal(0, await session.WaitForExitAsync(StepTimeout));
        var lines = TerminalSession.Lines(session.Transcript).Where(l => l.StartsWith("tick ")).ToList();
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => $"tick {i}"), lines);
    }

    private TerminalSession Terminal(string cli, params string[] arguments) =>
        TerminalSession.Start([cli, .. arguments], Berthd(cli).Environment);

    // A prompt, arithmetic only the shell does (the echoed keystrokes hold the expression, not 42), `tty`, and an
    // exit status carried back through docker and script.
    private static async Task ConverseAsync(TerminalSession session, int exitStatus)
    {
        Check(await session.WaitForAsync(text => text.Contains("# "), StepTimeout), "no shell prompt\n" + session.Transcript);
        await session.SendLineAsync("echo $((6*7)); tty");
        Check(await session.WaitForLineAsync("42", StepTimeout), "typed input was not executed\n" + session.Transcript);
        Check(await session.WaitForAsync(text => TerminalSession.Lines(text).Any(l => l.StartsWith("/dev/pts/")), StepTimeout),
            "the shell has no terminal\n" + session.Transcript);
        await session.SendLineAsync($"exit {exitStatus}");
        var status = await session.WaitForExitAsync(StepTimeout);
        Check(status == exitStatus, $"exit status {status} instead of {exitStatus}\n" + session.Transcript);
    }
}

using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>docker run -it</c> and <c>docker exec -it</c>: a real terminal inside, typed input executed.</summary>
public sealed class InteractiveTerminalTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task RunIt_GivesTheShellATerminalAndRunsWhatIsTyped(string runtime)
    {
        var name = NewContainerName(runtime);
        using var session = TerminalSession.Start(
            [Docker.Executable, .. RunOptions(runtime, "-it", "--rm", "--name", name), DockerdFixture.Image, "sh"],
            Docker.Environment);

        await ConverseAsync(session, expectedTty: "/dev/pts/0", exitStatus: 3);
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task ExecIt_GivesTheProcessATerminalInAContainerWithout(string runtime)
    {
        var name = await StartDetachedAsync(runtime, [], "sleep", "300");
        using var session = TerminalSession.Start([Docker.Executable, "exec", "-it", name, "sh"], Docker.Environment);

        // The container itself has no terminal, so the exec gets the first pty of the container's devpts.
        await ConverseAsync(session, expectedTty: "/dev/pts/0", exitStatus: 5);
    }

    // Prompt, `tty`, arithmetic only the shell can do (the echoed keystrokes hold the expression, not 42),
    // a terminal-only query, and an exit status carried back through docker and script.
    private async Task ConverseAsync(TerminalSession session, string expectedTty, int exitStatus)
    {
        Check(await session.WaitForAsync(text => text.Contains("# "), StepTimeout), "no shell prompt\n" + session.Transcript);

        await session.SendLineAsync("tty");
        Check(await session.WaitForLineAsync(expectedTty, StepTimeout), $"tty did not print {expectedTty}\n" + session.Transcript);

        await session.SendLineAsync("echo $((6*7)); [ -t 0 ] && echo stdin-is-a-terminal");
        Check(await session.WaitForLineAsync("42", StepTimeout), "typed input was not executed\n" + session.Transcript);
        Check(await session.WaitForLineAsync("stdin-is-a-terminal", StepTimeout), "stdin is not a terminal\n" + session.Transcript);

        await session.SendLineAsync($"exit {exitStatus}");
        var status = await session.WaitForExitAsync(StepTimeout);
        CheckEqual<int?>(exitStatus, status, "exit status through the terminal\n" + session.Transcript);
    }
}

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>docker run</c> of a short command: output, exit status and standard input reach the right places.</summary>
public sealed class RunTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    /// <summary>Each runtime with each docker CLI present on the machine (20.10 always, a current one when installed).</summary>
    public static TheoryData<string, string> RuntimesAndClis()
    {
        var data = new TheoryData<string, string>();
        foreach (var runtime in new[] { "runc", "berth" })
        foreach (var cli in new[] { DockerdFixture.DebianCliPath, DockerdFixture.CurrentCliPath })
            if (File.Exists(cli)) data.Add(runtime, cli);
        return data;
    }

    [Theory]
    [MemberData(nameof(RuntimesAndClis))]
    public async Task Run_EchoPrintsItsArgumentAndExitsZero(string runtime, string cli)
    {
        // Exactly the command of the acceptance criteria: default network mode, --rm.
        var result = await Fixture.Cli(cli).RunAsync(
            ["run", "--rm", .. Fixture.RuntimeOption(runtime), DockerdFixture.Image, "echo", "123"], TimeSpan.FromSeconds(60));

        CheckEqual(0, result.ExitCode, "exit status", result);
        CheckEqual("123\n", result.Stdout, "stdout", result);
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task Run_ReportsTheContainerExitStatusAndKeepsStdoutAndStderrApart(string runtime)
    {
        var result = await Docker.RunAsync(
            [.. RunOptions(runtime, "--rm"), DockerdFixture.Image, "sh", "-c", "echo out; echo err >&2; exit 7"], TimeSpan.FromSeconds(60));

        CheckEqual(7, result.ExitCode, "exit status", result);
        CheckEqual("out\n", result.Stdout, "stdout", result);
        CheckEqual("err\n", result.Stderr, "stderr", result);
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task RunInteractive_PassesStandardInputToTheContainer(string runtime)
    {
        var result = await Docker.RunAsync(
            [.. RunOptions(runtime, "--rm", "-i"), DockerdFixture.Image, "sh", "-c", "tr a-z A-Z; echo done"],
            TimeSpan.FromSeconds(60),
            standardInput: "hello\nworld\n");

        CheckEqual(0, result.ExitCode, "exit status", result);
        CheckEqual("HELLO\nWORLD\ndone\n", result.Stdout, "stdout", result);
    }
}

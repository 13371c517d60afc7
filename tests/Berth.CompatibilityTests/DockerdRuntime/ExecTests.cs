namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>docker exec</c> without a terminal: runs inside the container with its own streams and exit status.</summary>
public sealed class ExecTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task Exec_RunsInTheContainerAndReportsItsOwnExitStatus(string runtime)
    {
        var name = await StartDetachedAsync(runtime, ["--hostname", "inside"], "sleep", "300");

        var result = await Docker.RunAsync("exec", name, "sh", "-c", "hostname; echo err >&2; exit 3");

        CheckEqual(3, result.ExitCode, "exit status", result);
        CheckEqual("inside\n", result.Stdout, "stdout", result);
        CheckEqual("err\n", result.Stderr, "stderr", result);
        var state = await StateAsync(name);
        Check(state.GetProperty("Running").GetBoolean(), "the container stopped after the exec ended", result);
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task Exec_HonoursUserWorkingDirectoryEnvironmentAndStdin(string runtime)
    {
        var name = await StartDetachedAsync(runtime, [], "sleep", "300");

        var result = await Docker.RunAsync(
            ["exec", "-i", "-u", "1000:1000", "-w", "/tmp", "-e", "GREETING=hi", name, "sh", "-c", "id; pwd; echo $GREETING; cat"],
            TimeSpan.FromSeconds(60),
            standardInput: "from stdin\n");

        CheckEqual(0, result.ExitCode, "exit status", result);
        CheckEqual("uid=1000 gid=1000 groups=1000\n/tmp\nhi\nfrom stdin\n", result.Stdout, "stdout", result);
    }
}

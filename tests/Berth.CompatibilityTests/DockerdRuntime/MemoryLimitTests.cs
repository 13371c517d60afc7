namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>--memory</c>: a process exceeding the limit is OOM-killed and dockerd learns about it.</summary>
public sealed class MemoryLimitTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task MemoryLimit_KillsAMemoryHogAndInspectShowsOomKilled(string runtime)
    {
        var name = NewContainerName(runtime);

        // tail buffers its whole input while it looks for line ends, and /dev/zero has none: it grows until killed.
        var run = await Docker.RunAsync(
            [.. RunOptions(runtime, "--name", name, "--memory", "32m", "--memory-swap", "32m"), DockerdFixture.Image, "tail", "/dev/zero"],
            TimeSpan.FromSeconds(60));

        CheckEqual(137, run.ExitCode, "exit status of docker run", run);
        var state = await StateAsync(name);
        CheckEqual(137, state.GetProperty("ExitCode").GetInt32(), "State.ExitCode", run);
        CheckEqual(true, state.GetProperty("OOMKilled").GetBoolean(), "State.OOMKilled", run);
    }
}

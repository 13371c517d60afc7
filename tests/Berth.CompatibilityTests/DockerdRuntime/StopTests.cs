namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>docker stop</c>: SIGTERM first, SIGKILL once the timeout has passed.</summary>
public sealed class StopTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task Stop_DeliversSigtermToAContainerThatHandlesIt(string runtime)
    {
        var name = await StartDetachedAsync(
            runtime, [], "sh", "-c", "trap 'echo got TERM; exit 143' TERM; echo ready; while :; do sleep 0.1; done");
        await WaitForLogAsync(name, "ready", TimeSpan.FromSeconds(10));

        var stop = await DockerOkAsync("stop", "-t", "10", name);

        Check(stop.Elapsed < TimeSpan.FromSeconds(5), "the container did not exit promptly on SIGTERM", stop);
        var state = await StateAsync(name);
        CheckEqual(143, state.GetProperty("ExitCode").GetInt32(), "State.ExitCode", stop);
        await WaitForLogAsync(name, "got TERM", TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task Stop_KillsAContainerIgnoringSigtermAfterTheTimeout(string runtime)
    {
        var name = await StartDetachedAsync(runtime, [], "sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.1; done");
        await WaitForLogAsync(name, "ready", TimeSpan.FromSeconds(10));

        var stop = await DockerOkAsync("stop", "-t", "2", name);

        Check(stop.Elapsed >= TimeSpan.FromSeconds(1.9), "the container was stopped before the 2 s timeout", stop);
        Check(stop.Elapsed < TimeSpan.FromSeconds(8), "SIGKILL did not end the container soon after the timeout", stop);
        var state = await StateAsync(name);
        CheckEqual(false, state.GetProperty("Running").GetBoolean(), "State.Running", stop);
        CheckEqual(137, state.GetProperty("ExitCode").GetInt32(), "State.ExitCode", stop);
    }
}

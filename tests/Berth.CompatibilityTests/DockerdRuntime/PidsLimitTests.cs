using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>--pids-limit</c>: a process storm hits the limit and the container lives on.</summary>
public sealed class PidsLimitTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    // Tries 60 background sleeps, each from a subshell, counting the ones that started; then replaces itself with
    // sleep (exec needs no new process) so the container stays up for inspection. Bounded: no recursion.
    private const string ForkStorm =
        "ok=0; i=0; while [ $i -lt 60 ]; do i=$((i+1)); if (sleep 120 &) 2>/dev/null; then ok=$((ok+1)); fi; done; " +
        "echo started=$ok; exec sleep 120";

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task PidsLimit_ContainsAForkStormAndTheContainerSurvives(string runtime)
    {
        var name = await StartDetachedAsync(runtime, ["--pids-limit", "20"], "sh", "-c", ForkStorm);

        var logs = await WaitForLogAsync(name, "started=", TimeSpan.FromSeconds(30));

        var state = await StateAsync(name);
        var cgroup = ContainerCgroup.OfProcess(state.GetProperty("Pid").GetInt32());
        CheckEqual("20", cgroup.PidsMax(), "pids.max of the container's cgroup");
        var current = cgroup.PidsCurrent();
        Check(current <= 20, $"pids.current is {current}, above the limit of 20");
        CheckEqual(true, state.GetProperty("Running").GetBoolean(), "State.Running after the storm");
        // The shell, 18 sleeps, and the 19th subshell that could not fork its sleep: 18 started, as with runc.
        CheckEqual("started=18", logs.Split('\n').First(line => line.StartsWith("started=")), "sleeps that could start");
    }
}

using System.Diagnostics;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>docker pause</c>/<c>unpause</c>: the container stops making progress, then carries on.</summary>
public sealed class PauseTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task Pause_FreezesTheContainerAndUnpauseResumesIt(string runtime)
    {
        var name = await StartDetachedAsync(
            runtime, [], "sh", "-c", "i=0; while :; do i=$((i+1)); echo $i > /tmp/counter; sleep 0.05; done");
        var pid = await HostPidAsync(name);
        // Read through the host's view of the container's root: works while the container is frozen.
        var counterPath = $"/proc/{pid}/root/tmp/counter";
        await WaitForCounterAboveAsync(counterPath, 0);

        var pause = await DockerOkAsync("pause", name);
        var state = await StateAsync(name);
        CheckEqual("paused", state.GetProperty("Status").GetString(), "State.Status after pause", pause);
        CheckEqual(true, state.GetProperty("Paused").GetBoolean(), "State.Paused after pause", pause);
        CheckEqual(true, ContainerCgroup.OfProcess(pid).IsFrozen(), "freezer state after pause", pause);
        var frozenAt = ReadCounter(counterPath);
        await Task.Delay(600);
        CheckEqual(frozenAt, ReadCounter(counterPath), "counter while paused (it must not move)", pause);

        var unpause = await DockerOkAsync("unpause", name);
        state = await StateAsync(name);
        CheckEqual("running", state.GetProperty("Status").GetString(), "State.Status after unpause", unpause);
        CheckEqual(false, state.GetProperty("Paused").GetBoolean(), "State.Paused after unpause", unpause);
        CheckEqual(false, ContainerCgroup.OfProcess(pid).IsFrozen(), "freezer state after unpause", unpause);
        Check(await WaitForCounterAboveAsync(counterPath, frozenAt + 3), "the counter did not move on after unpause", unpause);
    }

    private static async Task<bool> WaitForCounterAboveAsync(string path, int floor)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (ReadCounter(path) > floor) return true;
            await Task.Delay(50);
        }
        return false;
    }

    // The shell rewrites the file constantly; a read can catch it truncated, so an unparsable read is retried.
    private static int ReadCounter(string path)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                if (int.TryParse(File.ReadAllText(path).Trim(), out var value)) return value;
            }
            catch (IOException)
            {
                // Not written yet.
            }
            Thread.Sleep(10);
        }
        return -1;
    }
}

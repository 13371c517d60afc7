using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>--cpus</c>, <c>--cpu-shares</c> and <c>--oom-kill-disable</c> reach the container's cgroup.</summary>
public sealed class CpuAndOomOptionTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task CpuOptions_SetTheBandwidthLimitAndWeight(string runtime)
    {
        var name = await StartDetachedAsync(runtime, ["--cpus", "0.5", "--cpu-shares", "512"], "sleep", "300");

        var cgroup = ContainerCgroup.OfProcess(await HostPidAsync(name));

        CheckEqual<(long?, long)>((50000, 100000), cgroup.CpuQuota(), "CFS quota and period (µs)");
        // runc maps shares to the v2 weight as 1 + (shares - 2) * 9999 / 262142.
        CheckEqual(ContainerCgroup.IsUnifiedHost ? 20L : 512L, cgroup.CpuWeight(), "CPU weight");
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task OomKillDisable_TurnsOffTheOomKillerOfTheCgroup(string runtime)
    {
        var name = await StartDetachedAsync(runtime, ["--oom-kill-disable", "--memory", "64m"], "sleep", "300");
        var cgroup = ContainerCgroup.OfProcess(await HostPidAsync(name));
        CheckEqual<long?>(64L << 20, cgroup.MemoryLimit(), "memory limit");

        // cgroup v2 has no OOM-killer switch (dockerd drops the option there); the switch is checked where it exists.
        if (!ContainerCgroup.IsUnifiedHost) CheckEqual(true, cgroup.OomKillDisabled(), "memory.oom_control oom_kill_disable");
    }
}

using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>docker update</c>: new limits reach the running container's cgroup (through the runtime's <c>update</c>).</summary>
public sealed class UpdateTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task UpdateMemory_RaisesTheLimitInInspectAndInTheCgroup(string runtime)
    {
        // Started with 32m (dockerd then sets swap to 64m): `update --memory 64m` alone is accepted only when the
        // container already has a swap limit at least that large, with any runtime.
        var name = await StartDetachedAsync(runtime, ["--memory", "32m"], "sleep", "300");
        var inspect = await Docker.InspectAsync(name);
        var container = inspect.GetProperty("Id").GetString()!;
        var cgroup = ContainerCgroup.OfProcess(inspect.GetProperty("State").GetProperty("Pid").GetInt32());
        CheckEqual<long?>(32L << 20, cgroup.MemoryLimit(), "cgroup memory limit before the update");
        Check(cgroup.MemoryPath.EndsWith("/" + container, StringComparison.Ordinal),
            $"the container's memory cgroup {cgroup.MemoryPath} is not named after the container");

        var update = await DockerOkAsync("update", "--memory", "64m", name);

        var hostConfig = (await Docker.InspectAsync(name)).GetProperty("HostConfig");
        CheckEqual(67108864L, hostConfig.GetProperty("Memory").GetInt64(), "HostConfig.Memory", update);
        CheckEqual<long?>(67108864L, cgroup.MemoryLimit(), "cgroup memory limit after the update", update);
    }
}

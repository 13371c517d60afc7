namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary><c>docker top</c>: dockerd asks the runtime (<c>ps --format json</c>) which host pids are the container's.</summary>
public sealed class TopTests(DockerdFixture fixture) : DockerScenario(fixture)
{
    [Theory]
    [InlineData("runc")]
    [InlineData("berth")]
    public async Task Top_ListsTheContainerProcessWithItsHostPid(string runtime)
    {
        var name = await StartDetachedAsync(runtime, [], "sleep", "1234");
        var pid = await HostPidAsync(name);

        var top = await DockerOkAsync("top", name);

        var lines = top.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        CheckEqual(2, lines.Length, "lines (header and one process)", top);
        var columns = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        CheckEqual(pid.ToString(), columns[1], "PID column", top);
        Check(lines[1].EndsWith("sleep 1234", StringComparison.Ordinal), "the command line is not shown", top);
    }
}

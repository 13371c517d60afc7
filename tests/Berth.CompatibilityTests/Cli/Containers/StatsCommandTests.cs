using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>`stats --no-stream`: the fields that do not fluctuate (names, ids, headers), a stopped container's zeros,
/// and the errors, as docker 28 prints them for the same daemon.</summary>
public sealed class StatsCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    public static TheoryData<string[]> RunningLines => new()
    {
        { ["stats", "--no-stream", "--format", "{{.Name}} {{.Container}} {{.ID}}", "{name}"] },
        { ["stats", "--no-stream", "--no-trunc", "--format", "table {{.Name}}\\t{{.Container}}\\t{{.ID}}", "{name}"] },
        { ["container", "stats", "--no-stream", "--format", "table {{.Name}}\\t{{.ID}}", "{name}"] },
        { ["stats", "--no-stream", "--format", "{{.Name}} {{.Container}}", "{name}", "berth-no-such-container"] },
        { ["stats", "--no-stream", "--format", "{{.Name", "{name}"] },
        { ["stats", "--no-stream", "--bogus"] },
    };

    [Theory]
    [MemberData(nameof(RunningLines))]
    public async Task StatsOfARunningContainer_PrintsWhatDockerPrints(string[] arguments)
    {
        var name = NewName("shared");
        await Fixture.Docker.RunCheckedAsync("run", "-d", "--name", name, "--network", "none", Image, "sleep", "300");
        await CompareSamplesAsync(arguments, name);
    }

    public static TheoryData<string[]> StoppedLines => new()
    {
        { ["stats", "--no-stream", "{name}"] },
        { ["stats", "--no-stream", "--no-trunc", "{name}"] },
        { ["stats", "--no-stream", "--format", "json", "{name}"] },
        { ["container", "stats", "--no-stream", "--format", "{{json .}}", "{name}"] },
        { ["stats", "--no-stream", "-a", "--format", "{{.Name}} {{.MemUsage}} {{.PIDs}}", "{name}"] },
    };

    [Theory]
    [MemberData(nameof(StoppedLines))]
    public async Task StatsOfAStoppedContainer_AreZerosLikeDockers(string[] arguments)
    {
        var name = NewName("shared");
        await Fixture.Docker.RunCheckedAsync("create", "--name", name, "--network", "none", Image, "true");
        await CompareAsync(arguments, null, name, name);
    }

    // Both CLIs give the daemon 2 s to sample a running container (which takes it one to two of its 1 s ticks); a
    // loaded machine can miss that on either side, which is docker's own limit, not a disagreement, so it is asked again.
    private async Task CompareSamplesAsync(string[] arguments, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            var resolved = arguments.Select(a => a.Replace("{name}", name, StringComparison.Ordinal)).ToArray();
            var docker = await Docker.RunAsync(resolved, TimeSpan.FromSeconds(60));
            var berth = await BerthAsync(resolved);
            if (attempt < 3 && (docker.Stderr + berth.Stderr).Contains("timeout waiting for stats", StringComparison.Ordinal)) continue;
            AssertSame(docker, berth, name, name);
            return;
        }
    }
}

using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>`run` and `create`: output streams, exit codes 125/126/127 and the container's own, stdin, messages.</summary>
public sealed class RunCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    public static TheoryData<string[]> RunLines => new()
    {
        { ["run", "--rm", "--network", "none", Image, "sh", "-c", "echo out; echo err >&2; exit 3"] },
        { ["run", "--rm", "--network", "none", Image, "nosuchcmd"] },
        { ["run", "--rm", "--network", "none", Image, "/etc"] },
        { ["run", "--network", "none", "berth-no-such-image"] },
        { ["create", "--network", "none", "berth-no-such-image"] },
        { ["run", "-it", "--rm", "--network", "none", Image, "true"] },
        { ["run", "--rm", "--network", "none", "--memory", "12q", Image] },
    };

    [Theory]
    [MemberData(nameof(RunLines))]
    public Task Run_AgreesWithDocker(string[] arguments) => CompareAsync(arguments);

    [Fact]
    public Task RunInteractive_PassesStdinAndEndsAtItsEnd() =>
        CompareAsync(["run", "-i", "--rm", "--network", "none", Image, "sh", "-c", "tr a-z A-Z; echo done"], stdin: "hello\nworld\n");

    [Fact]
    public async Task RunDetached_PrintsTheIdAndCreateAgainConflicts()
    {
        await CompareAsync(["run", "-d", "--name", "{name}", "--network", "none", Image, "sleep", "1"], null, NewName("docker"), NewName("berth"));
        var dockerName = NewName("docker");
        var berthName = NewName("berth");
        await CompareAsync(["create", "--name", "{name}", "--network", "none", Image], null, dockerName, berthName);
        await CompareAsync(["create", "--name", "{name}", "--network", "none", Image], null, dockerName, berthName);
        await CompareAsync(["run", "--name", "{name}", "--network", "none", Image], null, dockerName, berthName);
    }
}

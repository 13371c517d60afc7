using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>`--help` of the container commands, word for word as docker 28 prints it (docker's name replaced).</summary>
public sealed class HelpTextTests(DockerdFixture fixture) : CliComparison(fixture)
{
    public static TheoryData<string[]> Commands => new()
    {
        { ["rename", "--help"] }, { ["diff", "--help"] }, { ["export", "--help"] }, { ["pause", "--help"] },
        { ["wait", "--help"] }, { ["commit", "--help"] }, { ["container", "commit", "--help"] },
        { ["container", "ls", "--help"] }, { ["container", "cp", "--help"] }, { ["container", "ls", "--bad"] }, { ["container", "stop"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_AgreesWithDocker(string[] arguments) => await CompareAsync(arguments);
}

using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>ps and inspect of one container both clients see: the same daemon answer must print the same text.</summary>
public sealed class ListingCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    public static TheoryData<string[]> Listings => new()
    {
        { ["ps", "-a", "--filter", "name={name}"] },
        { ["ps", "-a", "--no-trunc", "--filter", "name={name}"] },
        { ["ps", "-aq", "--filter", "name={name}"] },
        { ["ps", "-a", "-s", "--filter", "name={name}"] },
        { ["ps", "-a", "--format", "{{.Names}} {{.Command}} {{.State}} {{.Image}} {{.Networks}}", "--filter", "name={name}"] },
        { ["ps", "-a", "--format", "table {{.ID}}\\t{{.Status}}\\t{{.Labels}}", "--filter", "name={name}"] },
        { ["ps", "--filter", "name={name}"] },
        { ["inspect", "{name}"] },
        { ["inspect", "-s", "--type", "container", "{name}"] },
        { ["inspect", "--format", "{{.Name}} {{.State.Status}} {{json .Config.Cmd}}", "{name}"] },
        { ["container", "inspect", "{name}"] },
        { ["inspect", Image] },
        { ["inspect", "--type", "image", "--format", "{{.Id}}", Image] },
    };

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task Listing_PrintsWhatDockerPrints(string[] arguments)
    {
        var name = NewName("shared");
        await Fixture.Docker.RunCheckedAsync("create", "--name", name, "--network", "none", "-l", "a=b", Image,
            "sh", "-c", "echo \"a long command line with \\\"quotes\\\" and tabs\t\"");
        await CompareAsync(arguments, null, name, name);
    }
}

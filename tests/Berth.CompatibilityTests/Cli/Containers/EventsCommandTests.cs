using System.Globalization;
using Berth.CompatibilityTests.DockerdRuntime;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>`events` over a finished window (--since/--until in the past or just ahead), so both clients read the same
/// recorded events of one container's create, start, die and destroy.</summary>
public sealed class EventsCommandTests(DockerdFixture fixture) : CliComparison(fixture)
{
    public static TheoryData<string[]> Windows => new()
    {
        { ["events", "-f", "container={name}"] },
        { ["system", "events", "--filter", "container={name}", "--filter", "event=start", "--filter", "event=die"] },
        { ["events", "-f", "container={name}", "-f", "type=container", "--format", "{{json .}}"] },
        { ["events", "-f", "container={name}", "--format", "json"] },
        { ["events", "-f", "container={name}", "-f", "label=role=probe", "--format", "{{.Type}} {{.Status}} {{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}"] },
        { ["events", "-f", "container={name}", "-f", "image=" + Image, "--format", "{{.Time}} {{.TimeNano}} {{.Scope}} {{.From}}"] },
        { ["events", "-f", "container={name}", "-f", "event=destroy", "-f", "label=role=other"] },
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task EventsOfAFinishedWindow_PrintWhatDockerPrints(string[] arguments)
    {
        var name = NewName("shared");
        var since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        var run = await Fixture.Docker.RunAsync("run", "--name", name, "--network", "none", "-l", "role=probe", "-l", "a=1", Image, "sh", "-c", "exit 3");
        Assert.Equal(3, run.ExitCode);
        await Fixture.Docker.RunCheckedAsync("rm", name);
        // Whole seconds after the last event: the daemon ends the stream once that moment has passed.
        var until = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1;
        string[] window = ["--since", since.ToString(CultureInfo.InvariantCulture), "--until", until.ToString(CultureInfo.InvariantCulture)];
        var (docker, _) = await CompareAsync([.. arguments, .. window], null, name, name);
        Assert.Equal(0, docker.ExitCode);
    }

    public static TheoryData<string[]> Mistakes => new()
    {
        { ["events", "--since", "yesterday"] },
        { ["events", "--until", "soon"] },
        { ["events", "--format", "{{.Type", "--until", "1"] },
        { ["events", "-f", "container", "--until", "1"] },
        { ["events", "unexpected"] },
        { ["events", "--since", "10m", "--until", "1"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public Task EventsMistakes_FailLikeDocker(string[] arguments) => CompareAsync(arguments);
}

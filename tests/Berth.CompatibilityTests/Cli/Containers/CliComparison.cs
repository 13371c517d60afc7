using System.Text.RegularExpressions;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;
using Xunit.Sdk;

namespace Berth.CompatibilityTests.Cli.Containers;

/// <summary>Base of the berth-versus-docker 28 CLI comparisons: both clients drive the same dockerd 20.10 from the
/// harness, and their exit status, stdout and stderr must agree once ids, names and times are normalised.</summary>
[Collection(DockerdCollection.Name)]
public abstract partial class CliComparison(DockerdFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _containers = [];

    /// <summary>The shared daemon.</summary>
    protected DockerdFixture Fixture { get; } = fixture;

    /// <summary>docker 28 bound to the daemon.</summary>
    protected DockerCli Docker => Fixture.Cli(DockerdFixture.CurrentCliPath);

    /// <summary>Runs berth (BERTH_BIN_DIR/berth, else artifacts/bin/berth) against the daemon ($BERTH_HOST).</summary>
    protected Task<CommandResult> BerthAsync(IReadOnlyList<string> arguments, string? stdin = null) =>
        ProcessRunner.RunAsync(BerthdProcess.Binary("berth"), arguments, TimeSpan.FromSeconds(60), BerthEnvironment, stdin);

    /// <summary>The environment berth runs with.</summary>
    protected IReadOnlyDictionary<string, string?> BerthEnvironment =>
        new Dictionary<string, string?> { ["BERTH_HOST"] = "unix://" + Fixture.Daemon.SocketPath };

    /// <summary>The image every comparison uses.</summary>
    protected const string Image = DockerdFixture.Image;

    /// <summary>Nothing to prepare.</summary>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Removes the containers the test named.</summary>
    public async Task DisposeAsync()
    {
        if (_containers.Count > 0) await Fixture.Docker.RunAsync(["rm", "-f", .. _containers], TimeSpan.FromSeconds(60));
    }

    /// <summary>A unique container name, removed after the test.</summary>
    protected string NewName(string client)
    {
        var name = $"cli-{client}-{Guid.NewGuid().ToString("N")[..8]}";
        _containers.Add(name);
        return name;
    }

    /// <summary>Runs the same arguments with both clients ({name} stands for a per-client container name) and
    /// checks that they agree; returns both results.</summary>
    protected async Task<(CommandResult Docker, CommandResult Berth)> CompareAsync(string[] arguments, string? stdin = null,
        string? dockerName = null, string? berthName = null)
    {
        var docker = await Docker.RunAsync(Substitute(arguments, dockerName), TimeSpan.FromSeconds(60), stdin);
        var berth = await BerthAsync(Substitute(arguments, berthName), stdin);
        AssertSame(docker, berth, dockerName, berthName);
        return (docker, berth);
    }

    /// <summary>Fails unless the two results agree after normalisation.</summary>
    protected static void AssertSame(CommandResult docker, CommandResult berth, string? dockerName = null, string? berthName = null)
    {
        var message = "docker and berth disagree\n" + docker.Describe() + berth.Describe();
        if (docker.ExitCode != berth.ExitCode) throw new XunitException($"exit status {docker.ExitCode} vs {berth.ExitCode}\n{message}");
        if (Normalise(docker.Stdout, dockerName, true) != Normalise(berth.Stdout, berthName, false))
            throw new XunitException($"stdout differs\n{message}");
        if (Normalise(docker.Stderr, dockerName, true) != Normalise(berth.Stderr, berthName, false))
            throw new XunitException($"stderr differs\n{message}");
    }

    /// <summary>Ids, the per-client name, relative times and column padding replaced; docker's own name becomes berth's.</summary>
    public static string Normalise(string text, string? name, bool fromDocker)
    {
        if (name != null) text = text.Replace(name, "<name>", StringComparison.Ordinal);
        if (fromDocker)
            text = DockerWord().Replace(text, m => m.Value[0] == 'D' ? "Berth" : "berth");
        text = LongId().Replace(text, "<id>");
        text = ShortId().Replace(text, "<id>");
        text = Ago().Replace(text, "<ago>");
        return Padding().Replace(text, "  ");
    }

    private static string[] Substitute(string[] arguments, string? name) =>
        [.. arguments.Select(a => name == null ? a : a.Replace("{name}", name, StringComparison.Ordinal))];

    [GeneratedRegex("\\b[0-9a-f]{64}\\b")]
    private static partial Regex LongId();

    [GeneratedRegex("\\b[0-9a-f]{12}\\b")]
    private static partial Regex ShortId();

    [GeneratedRegex("(Less than a second|About a minute|About an hour|\\d+ (seconds|minutes|hours|days|weeks|months|years)|1 second)( ago)?")]
    private static partial Regex Ago();

    // Whole words only: "DockerVersion" in an image's JSON is the daemon's, not the CLI's name.
    [GeneratedRegex("(?<![\\w.-])[Dd]ocker(?![\\w.-])")]
    private static partial Regex DockerWord();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Padding();
}

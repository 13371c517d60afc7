using System.Diagnostics;
using System.Text.RegularExpressions;
using Berth.CompatibilityTests.Cli.Containers;
using Berth.CompatibilityTests.DockerdRuntime;
using Berth.CompatibilityTests.Harness;
using Xunit.Sdk;

namespace Berth.CompatibilityTests.AgainstBerthd;

/// <summary>
/// Base of the docker-CLI-against-berthd scenarios: each runs with docker 28 and docker 20.10, against the class's
/// private berthd and, where the outcome is deterministic, against the shared dockerd 20.10 too, with the same
/// container names on both daemons; exit status, stdout and stderr must agree once ids and times are normalised.
/// </summary>
[Collection(DockerdCollection.Name)]
public abstract partial class AgainstBerthdTest(DockerdFixture dockerd, BerthdWithAlpine berthd) : IClassFixture<BerthdWithAlpine>, IAsyncLifetime
{
    /// <summary>The image every scenario runs.</summary>
    protected const string Image = DockerdFixture.Image;

    /// <summary>How long one interactive step (a prompt, an echoed result, an exit) may take.</summary>
    protected static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly List<string> _containers = [];
    private readonly List<string> _images = [];
    private string? _work;

    /// <summary>Both docker CLIs of the machine: the current one and Debian's 20.10.</summary>
    public static TheoryData<string> Clis => new() { DockerdFixture.CurrentCliPath, DockerdFixture.DebianCliPath };

    /// <summary>Starts (once per class) the private berthd.</summary>
    public Task InitializeAsync() => berthd.StartAsync(dockerd);

    /// <summary>A host folder of the test's own (made on first use), deleted afterwards.</summary>
    protected string WorkDirectory => _work ??= Directory.CreateTempSubdirectory("berth-against-").FullName;

    /// <summary>Force-removes the containers and images the test named, on both daemons, and the host folder.</summary>
    public async Task DisposeAsync()
    {
        foreach (var docker in new[] { Berthd(DockerdFixture.DebianCliPath), Dockerd(DockerdFixture.DebianCliPath) })
        {
            if (_containers.Count > 0) await docker.RunAsync(["rm", "-f", "-v", .. _containers], TimeSpan.FromSeconds(60));
            if (_images.Count > 0) await docker.RunAsync(["rmi", "-f", .. _images], TimeSpan.FromSeconds(60));
        }
        if (_work is not null) Directory.Delete(_work, recursive: true);
    }

    /// <summary>The CLI <paramref name="cli"/> bound to the class's berthd.</summary>
    protected DockerCli Berthd(string cli) => berthd.Cli(cli);

    /// <summary>The CLI <paramref name="cli"/> bound to the shared dockerd 20.10.</summary>
    protected DockerCli Dockerd(string cli) => dockerd.Cli(cli);

    /// <summary>The class's berthd.</summary>
    protected BerthdProcess BerthdDaemon => berthd.Daemon;

    /// <summary>A unique container name (used on both daemons), removed after the test.</summary>
    protected string NewName()
    {
        var name = $"against-{GetType().Name.ToLowerInvariant()[..^5]}-{Guid.NewGuid().ToString("N")[..8]}";
        _containers.Add(name);
        return name;
    }

    /// <summary>Removes the container <paramref name="name"/> (named by the daemon, say) after the test.</summary>
    protected void AddContainer(string name) => _containers.Add(name);

    /// <summary>A unique image reference (used on both daemons), removed after the test.</summary>
    protected string NewImage()
    {
        var image = $"against-berthd-{Guid.NewGuid().ToString("N")[..8]}:1";
        _images.Add(image);
        return image;
    }

    /// <summary>Runs the command with <paramref name="cli"/> on both daemons at once; they must agree. Returns both.</summary>
    protected Task<(CommandResult Dockerd, CommandResult Berthd)> CompareAsync(string cli, params string[] arguments) =>
        CompareAsync(cli, arguments, stdin: null);

    /// <summary>
    /// Runs the command with <paramref name="cli"/> on both daemons (at once, or one after the other when it writes to
    /// a host path both share); exit status, stdout and stderr must agree after normalisation.
    /// </summary>
    protected async Task<(CommandResult Dockerd, CommandResult Berthd)> CompareAsync(
        string cli, string[] arguments, string? stdin, bool oneAfterTheOther = false)
    {
        CommandResult expected, actual;
        if (oneAfterTheOther)
        {
            expected = await Dockerd(cli).RunAsync(arguments, DockerCli.DefaultTimeout, stdin);
            actual = await Berthd(cli).RunAsync(arguments, DockerCli.DefaultTimeout, stdin);
        }
        else
        {
            var running = Dockerd(cli).RunAsync(arguments, DockerCli.DefaultTimeout, stdin);
            actual = await Berthd(cli).RunAsync(arguments, DockerCli.DefaultTimeout, stdin);
            expected = await running;
        }
        AssertSame(expected, actual);
        return (expected, actual);
    }

    /// <summary>Fails unless the results agree in exit status, stdout and stderr (ids, times and padding normalised).</summary>
    protected static void AssertSame(CommandResult dockerd, CommandResult berthd)
    {
        string? difference =
            dockerd.TimedOut || berthd.TimedOut ? "a command timed out"
            : dockerd.ExitCode != berthd.ExitCode ? $"exit status {dockerd.ExitCode} from dockerd, {berthd.ExitCode} from berthd"
            : Normalise(dockerd.Stdout) != Normalise(berthd.Stdout) ? "stdout differs"
            : Normalise(dockerd.Stderr) != Normalise(berthd.Stderr) ? "stderr differs"
            : null;
        if (difference is not null)
            throw new XunitException($"{difference}\n--- against dockerd 20.10\n{dockerd.Describe()}--- against berthd\n{berthd.Describe()}");
    }

    /// <summary>Ids, relative times and column padding replaced, as <see cref="CliComparison.Normalise"/> does, and the
    /// CLI's own log lines about a tar stream the daemon stopped reading dropped (the CLI writes them when its upload
    /// loses the race with the daemon's refusal, so they come and go against either daemon).</summary>
    protected static string Normalise(string text) =>
        CliComparison.Normalise(UploadRace().Replace(text, ""), name: null, fromDocker: false);

    [GeneratedRegex("^time=\"[^\"]*\" level=error msg=\"Can't (add file .* to tar|close tar writer): io: read/write on closed pipe\"\n", RegexOptions.Multiline)]
    private static partial Regex UploadRace();

    /// <summary>Runs a command against berthd that must succeed.</summary>
    protected Task<CommandResult> OnBerthdAsync(string cli, params string[] arguments) => Berthd(cli).RunCheckedAsync(arguments);

    /// <summary>Runs a command against both daemons that must succeed on each.</summary>
    protected async Task OnBothAsync(string cli, params string[] arguments) =>
        await Task.WhenAll(Berthd(cli).RunCheckedAsync(arguments), Dockerd(cli).RunCheckedAsync(arguments));

    /// <summary>Fails with <paramref name="what"/> and the results' account unless <paramref name="condition"/> holds.</summary>
    protected static void Check(bool condition, string what, params CommandResult[] results)
    {
        if (!condition) throw new XunitException(what + "\n" + string.Concat(results.Select(r => r.Describe())));
    }

    /// <summary>Polls until <paramref name="condition"/> holds; false when <paramref name="timeout"/> passes first.</summary>
    protected static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (stopwatch.Elapsed > timeout) return false;
            await Task.Delay(50);
        }
        return true;
    }
}

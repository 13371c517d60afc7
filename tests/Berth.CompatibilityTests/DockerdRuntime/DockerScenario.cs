using System.Diagnostics;
using System.Text.Json;
using Berth.CompatibilityTests.Harness;
using Xunit.Sdk;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary>
/// Base of the dockerd scenarios: each runs once with runc and once with berth-runtime and asserts the same
/// observable result (the expectations were established with runc). Containers it names are removed afterwards.
/// </summary>
[Collection(DockerdCollection.Name)]
public abstract class DockerScenario(DockerdFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _containers = [];

    /// <summary>The shared daemon.</summary>
    protected DockerdFixture Fixture { get; } = fixture;

    /// <summary>The 20.10 CLI bound to the shared daemon.</summary>
    protected DockerCli Docker => Fixture.Docker;

    /// <summary>Nothing to prepare per test.</summary>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Force-removes every container this test named (tolerating those already gone).</summary>
    public async Task DisposeAsync()
    {
        if (_containers.Count > 0) await Docker.RunAsync(["rm", "-f", "-v", .. _containers], TimeSpan.FromSeconds(60));
    }

    /// <summary>A unique container name, removed after the test.</summary>
    protected string NewContainerName(string runtime)
    {
        var name = $"compat-{GetType().Name.ToLowerInvariant()}-{runtime}-{Guid.NewGuid().ToString("N")[..6]}";
        _containers.Add(name);
        return name;
    }

    /// <summary>
    /// The arguments of <c>docker run</c> up to the image: the runtime option, no network (the tests never need one),
    /// and then <paramref name="options"/>.
    /// </summary>
    protected IReadOnlyList<string> RunOptions(string runtime, params string[] options) =>
        ["run", .. Fixture.RuntimeOption(runtime), "--network", "none", .. options];

    /// <summary>Runs a docker command that must succeed, failing the test with diagnostics otherwise.</summary>
    protected async Task<CommandResult> DockerOkAsync(params string[] arguments)
    {
        var result = await Docker.RunAsync(arguments);
        Check(result.Succeeded, "docker command failed", result);
        return result;
    }

    /// <summary>Starts a detached container and returns its name once dockerd reports it running.</summary>
    protected async Task<string> StartDetachedAsync(string runtime, string[] options, params string[] command)
    {
        var name = NewContainerName(runtime);
        await DockerOkAsync([.. RunOptions(runtime, ["-d", "--name", name, .. options]), DockerdFixture.Image, .. command]);
        return name;
    }

    /// <summary>The container's <c>.State</c> from inspect.</summary>
    protected async Task<JsonElement> StateAsync(string container) => (await Docker.InspectAsync(container)).GetProperty("State");

    /// <summary>The container's main process as the host sees it.</summary>
    protected async Task<int> HostPidAsync(string container) => (await StateAsync(container)).GetProperty("Pid").GetInt32();

    /// <summary>Polls <c>docker logs</c> until it contains <paramref name="text"/>; fails the test on timeout.</summary>
    protected async Task<string> WaitForLogAsync(string container, string text, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var logs = await Docker.RunAsync("logs", container);
            var combined = logs.Stdout + logs.Stderr;
            if (combined.Contains(text, StringComparison.Ordinal)) return combined;
            Check(stopwatch.Elapsed < timeout, $"'{text}' did not appear in the logs of {container} within {timeout.TotalSeconds} s", logs);
            await Task.Delay(50);
        }
    }

    /// <summary>Fails the test with the commands' output and the daemon's log unless <paramref name="condition"/> holds.</summary>
    protected void Check(bool condition, string what, params CommandResult[] results)
    {
        if (!condition) throw new XunitException(Fixture.Explain(what, results));
    }

    /// <summary>Fails the test unless <paramref name="actual"/> equals <paramref name="expected"/>, with diagnostics.</summary>
    protected void CheckEqual<T>(T expected, T actual, string what, params CommandResult[] results)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new XunitException(Fixture.Explain($"{what}: expected {Show(expected)}, got {Show(actual)}", results));
    }

    private static string Show<T>(T value) =>
        value is string text ? "\"" + text.Replace("\\", "\\\\").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t") + "\"" : $"{value}";
}

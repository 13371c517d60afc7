using System.Text.Json;

namespace Berth.CompatibilityTests.Harness;

/// <summary>One docker CLI binary pointed at one daemon socket, with a private client configuration.</summary>
public sealed class DockerCli
{
    /// <summary>How long an ordinary docker command may take before it is killed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Creates a client for <paramref name="executable"/> talking to the unix socket <paramref name="socketPath"/>.</summary>
    public DockerCli(string executable, string socketPath, string configDirectory)
    {
        Executable = executable;
        Environment = new Dictionary<string, string?>
        {
            ["DOCKER_HOST"] = "unix://" + socketPath,
            ["DOCKER_CONFIG"] = configDirectory,
            // The classic builder: the test images build offline from FROM scratch + ADD.
            ["DOCKER_BUILDKIT"] = "0",
            ["DOCKER_CLI_HINTS"] = "false",
            // Settings of whoever runs the tests must not redirect the client elsewhere.
            ["DOCKER_CONTEXT"] = null,
            ["DOCKER_TLS_VERIFY"] = null,
            ["DOCKER_CERT_PATH"] = null,
            ["DOCKER_API_VERSION"] = null,
            ["DOCKER_DEFAULT_PLATFORM"] = null,
        };
    }

    /// <summary>Path of the docker CLI binary.</summary>
    public string Executable { get; }

    /// <summary>Environment changes every invocation gets (null removes a variable).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Runs <c>docker</c> with the arguments under the default timeout.</summary>
    public Task<CommandResult> RunAsync(params string[] arguments) => RunAsync(arguments, DefaultTimeout);

    /// <summary>Runs <c>docker</c> with the arguments, optional standard input, killing it after <paramref name="timeout"/>.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, string? standardInput = null) =>
        ProcessRunner.RunAsync(Executable, arguments, timeout, Environment, standardInput);

    /// <summary>Runs a command that must succeed; throws with the full account otherwise.</summary>
    public async Task<CommandResult> RunCheckedAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        if (!result.Succeeded) throw new InvalidOperationException("docker command failed:\n" + result.Describe());
        return result;
    }

    /// <summary>The container's inspect document (<c>docker inspect</c>, first element).</summary>
    public async Task<JsonElement> InspectAsync(string container)
    {
        var result = await RunCheckedAsync("inspect", "--type", "container", container);
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement[0].Clone();
    }
}

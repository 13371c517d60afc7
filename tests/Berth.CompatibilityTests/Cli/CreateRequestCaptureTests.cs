using System.Text.Json.Nodes;
using Berth.Cli.Commands.Containers;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.Cli;

/// <summary>The create request berth builds from a command line equals, as JSON, the one the real docker CLI 28 sends
/// for the same arguments (recorded by a stand-in Engine API that stops the CLI right after the create call).</summary>
public sealed class CreateRequestCaptureTests : IAsyncLifetime
{
    private const string Docker28 = "/usr/local/bin/docker";
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-create-capture-").FullName;
    private CreateRequestRecorder _recorder = null!;

    private static readonly Dictionary<string, string?> ExtraEnvironment = new() { ["BERTH_CAPTURE_FOO"] = "from-env", ["BERTH_CAPTURE_UNSET"] = null };

    /// <summary>Command lines, with {dir} standing for a folder holding env, label and seccomp files.</summary>
    public static TheoryData<string, string[]> CommandLines => new()
    {
        { "create", ["alpine"] },
        { "create", ["--name", "web", "alpine", "echo", "-n", "--memory", "1"] },
        { "create", ["-i", "-t", "alpine", "sh"] },
        { "create", ["-it", "-e", "A=1", "-e", "BERTH_CAPTURE_FOO", "-e", "BERTH_CAPTURE_UNSET", "-e", "A=2", "alpine"] },
        { "create", ["--env-file", "{dir}/env", "-e", "X=y", "--label-file", "{dir}/labels", "-l", "a=1", "-l", "bare", "alpine"] },
        { "run", ["-d", "--rm", "-w", "/w", "-u", "1:2", "--entrypoint", "/bin/sh", "-h", "host1", "alpine", "-c", "true"] },
        { "run", ["-dit", "--entrypoint=", "alpine"] },
        { "create", ["--restart", "on-failure:3", "--init", "--stop-signal", "SIGUSR1", "--stop-timeout", "0x10", "alpine"] },
        { "create", ["--restart", "always", "--init=false", "--oom-kill-disable=false", "alpine"] },
        { "create", ["--ulimit", "nofile=10:20", "--ulimit", "nproc=5", "--ulimit", "nofile=-1", "--ulimit", "core=0", "alpine"] },
        { "create", ["--cap-add", "net_admin", "--cap-add", "CAP_NET_ADMIN", "--cap-add", "ALL", "--cap-drop", "chown", "--privileged", "--read-only", "alpine"] },
        { "create", ["--security-opt", "no-new-privileges", "--security-opt", "label=disable", "--security-opt", "seccomp={dir}/seccomp.json", "--security-opt", "apparmor:unconfined", "alpine"] },
        { "create", ["--security-opt", "systempaths=unconfined", "--security-opt", "seccomp=unconfined", "alpine"] },
        { "create", ["-m", "64m", "--memory-swap", "-1", "--memory-reservation", "1.5g", "--shm-size", "10KiB", "alpine"] },
        { "create", ["-m64m", "--memory-swap", "128MB", "--memory-reservation", "100", "--shm-size", "2 k", "alpine"] },
        { "create", ["--cpus", "0.5", "-c", "512", "--cpuset-cpus", "0-1", "--pids-limit", "-1", "--blkio-weight", "300", "alpine"] },
        { "create", ["--cpus", "3/2", "--oom-score-adj", "-500", "--group-add", "audio", "--group-add", "10", "alpine"] },
        { "create", ["--device", "/dev/null:/dev/x:rw", "--device", "/dev/zero", "--device", "/dev/full:r", "alpine"] },
        { "create", ["--tmpfs", "/run:rw,size=64m", "--tmpfs", "/t", "--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.sem=1 2 3 4", "alpine"] },
        { "create", ["--health-cmd", "curl -f localhost", "--health-interval", "1h2m3.5s", "--health-timeout", "500ms", "--health-retries", "3", "--health-start-period", "2m", "alpine"] },
        { "create", ["--health-interval", "10s", "alpine"] },
        { "create", ["--no-healthcheck", "alpine"] },
        { "create", ["--log-driver", "local", "--log-opt", "max-size=10m", "--log-opt", "max-file=3", "alpine"] },
        { "create", ["--log-driver", "none", "alpine"] },
        { "create", ["--network", "none", "alpine"] },
        { "create", ["--network", "host", "alpine"] },
        { "create", ["--network=bridge", "alpine"] },
        { "create", ["--network", "default", "alpine"] },
        { "create", ["--rm", "--restart", "no", "alpine"] },
        { "run", ["-di", "-d=false", "-m", "10", "m", "x"] },
        { "run", ["-d", "-ie", "K=v", "-tiw/tmp", "--cpus", "-1", "--", "alpine", "--rm"] },
        { "create", ["-m", "7b", "--memory-reservation", "1KIB", "--health-retries", "0x3", "alpine"] },
    };

    /// <summary>Command lines docker rejects before connecting, with its message's first line.</summary>
    public static TheoryData<string, string[]> BadCommandLines => new()
    {
        { "create", ["--memory", "12q", "alpine"] },
        { "create", ["-m", "-1", "alpine"] },
        { "create", ["-m", "abc", "alpine"] },
        { "create", ["-m", "1x2", "alpine"] },
        { "create", ["--memory-swap", "2q", "alpine"] },
        { "create", ["--cpus", "abc", "alpine"] },
        { "create", ["--cpus", "1/3", "alpine"] },
        { "create", ["--restart", "on-failure:x", "alpine"] },
        { "create", ["--restart", ":3", "alpine"] },
        { "create", ["--rm", "--restart", "always", "alpine"] },
        { "create", ["--ulimit", "nofile", "alpine"] },
        { "create", ["--ulimit", "nofile=20:10", "alpine"] },
        { "create", ["--ulimit", "bogus=1", "alpine"] },
        { "create", ["--ulimit", "nofile=x", "alpine"] },
        { "create", ["--stop-timeout", "x", "alpine"] },
        { "create", ["--blkio-weight", "70000", "alpine"] },
        { "create", ["-c", "x", "alpine"] },
        { "create", ["--health-interval", "5", "alpine"] },
        { "create", ["--health-timeout", "-1s", "alpine"] },
        { "create", ["--health-retries", "-1", "alpine"] },
        { "create", ["--no-healthcheck", "--health-cmd", "x", "alpine"] },
        { "create", ["--device", "/dev/a:/dev/b:rwx", "alpine"] },
        { "create", ["--device", "a:b:c:d", "alpine"] },
        { "create", ["--device", "rel", "alpine"] },
        { "create", ["--sysctl", "kernel.foo=1", "alpine"] },
        { "create", ["--log-driver", "none", "--log-opt", "a=b", "alpine"] },
        { "create", ["--security-opt", "foo", "alpine"] },
        { "create", ["--security-opt", "seccomp={dir}/missing.json", "alpine"] },
        { "create", ["-l", "=x", "alpine"] },
        { "create", ["-e", "=x", "alpine"] },
        { "create", ["--env-file", "{dir}/missing", "alpine"] },
        { "create", ["--env-file", "{dir}/badenv", "alpine"] },
        { "create", ["-m", "1kbb", "alpine"] },
        { "create", ["-m", "1.5.5", "alpine"] },
        { "create", ["--health-timeout", "5q", "alpine"] },
    };

    /// <summary>Starts the stand-in API and writes the files the command lines name.</summary>
    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "env"), "# comment\nFOO=bar\n\n  SP= x \nBERTH_CAPTURE_FOO\nBERTH_CAPTURE_UNSET\nFOO=again\n");
        File.WriteAllText(Path.Combine(_dir, "labels"), "a=b\n# x\nbare_in_file\nc=d=e\n");
        File.WriteAllText(Path.Combine(_dir, "seccomp.json"), "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"syscalls\": [ { \"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\" } ]\n}\n");
        File.WriteAllText(Path.Combine(_dir, "badenv"), "A B=1\n");
        _recorder = new CreateRequestRecorder(Path.Combine(_dir, "api.sock"));
        return Task.CompletedTask;
    }

    /// <summary>Stops the stand-in API and removes the files.</summary>
    public async Task DisposeAsync()
    {
        await _recorder.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    [Theory]
    [MemberData(nameof(CommandLines))]
    public async Task BodyMatchesDocker28(string verb, string[] arguments)
    {
        var args = arguments.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal)).ToArray();
        var result = await RunDockerAsync(verb, args);
        var creates = _recorder.TakeCreates();
        Assert.True(creates.Count == 1, $"docker sent {creates.Count} create requests; it said: {result.Stderr}");

        var options = CreateOptions.Parse(args, "berth " + verb, verb == "run", Lookup);
        var expected = JsonNode.Parse(creates[0].Body)!;
        // docker 28 passes -e values through a Go map, so their order changes from run to run: compare Env as a multiset.
        SortEnv(expected);
        SortEnv(options.Body);
        Assert.True(JsonNode.DeepEquals(expected, options.Body), $"docker: {expected.ToJsonString()}\nberth:  {options.Body.ToJsonString()}");
        Assert.Equal(creates[0].Path["/v1.47".Length..], options.Path);
    }

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task BadValuesFailLikeDocker28(string verb, string[] arguments)
    {
        var args = arguments.Select(a => a.Replace("{dir}", _dir, StringComparison.Ordinal)).ToArray();
        var result = await RunDockerAsync(verb, args);
        Assert.Equal(125, result.ExitCode);
        Assert.Empty(_recorder.TakeCreates());

        var error = Assert.ThrowsAny<Berth.Cli.CommandLine.CliError>(() => CreateOptions.Parse(args, "berth " + verb, verb == "run", Lookup));
        Assert.Equal(125, error.ExitCode);
        // docker 28 prefixes semantic errors with "docker: "; the message itself must be the same.
        var dockerMessage = result.Stderr.Split('\n').First(l => l.Length > 0 && !l.Contains("Unsolicited", StringComparison.Ordinal));
        if (dockerMessage.StartsWith("docker: ", StringComparison.Ordinal)) dockerMessage = dockerMessage["docker: ".Length..];
        Assert.Equal(dockerMessage, error.Message.Split('\n')[0]);
    }

    private static void SortEnv(JsonNode body)
    {
        if (body["Env"] is JsonArray env)
            body["Env"] = new JsonArray([.. env.Select(e => e!.GetValue<string>()).Order(StringComparer.Ordinal).Select(e => (JsonNode)e)]);
    }

    private Task<CommandResult> RunDockerAsync(string verb, string[] args) =>
        ProcessRunner.RunAsync(Docker28, ["-H", "unix://" + _recorder.SocketPath, verb, .. args], TimeSpan.FromSeconds(30),
            new Dictionary<string, string?>(ExtraEnvironment) { ["DOCKER_CONFIG"] = _dir }, standardInput: "");

    private static string? Lookup(string name) =>
        ExtraEnvironment.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name);
}

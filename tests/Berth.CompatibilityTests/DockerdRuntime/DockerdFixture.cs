using System.Text;
using Berth.CompatibilityTests.Harness;
using Xunit.Sdk;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary>
/// The one dockerd 20.10 shared by every test of the run, with runc (built in) and berth-runtime registered as
/// runtime "berth", and the alpine:3.20 image built into it from the shared test images.
/// </summary>
public sealed class DockerdFixture : IAsyncLifetime
{
    /// <summary>The image every scenario runs.</summary>
    public const string Image = "alpine:3.20";

    /// <summary>Debian's docker.io CLI, the same release as the daemon.</summary>
    public const string DebianCliPath = "/usr/bin/docker";

    /// <summary>A current docker CLI, where the machine has one.</summary>
    public const string CurrentCliPath = "/usr/local/bin/docker";

    private DockerdDaemon? _daemon;
    private string? _berthRuntimePath;
    private string? _traceFile;

    /// <summary>The 20.10 CLI bound to this daemon.</summary>
    public DockerCli Docker { get; private set; } = null!;

    /// <summary>The running daemon (paths, pids, log).</summary>
    public DockerdDaemon Daemon => _daemon ?? throw new InvalidOperationException("dockerd is not running");

    /// <summary>Prepares the machine, starts dockerd and builds the image.</summary>
    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("the compatibility tests drive dockerd and must run as root");
        await Prerequisites.EnsureInstalledAsync();
        await DockerdDaemon.RemoveAbandonedAsync();

        var root = DockerdDaemon.CreateRootDirectory();
        _berthRuntimePath = TestEnvironment.BerthRuntimePath;
        var runtimes = new Dictionary<string, string>();
        if (_berthRuntimePath is not null) runtimes["berth"] = await RegisteredPathAsync(root, _berthRuntimePath);
        _daemon = await DockerdDaemon.StartAsync(root, runtimes);
        Docker = Cli(DebianCliPath);

        var imageDirectory = Path.Combine(TestEnvironment.ImagesDirectory, "alpine-3.20");
        var build = await Docker.RunAsync(["build", "-q", "-t", Image, imageDirectory], TimeSpan.FromMinutes(3));
        if (!build.Succeeded)
        {
            var message = Explain($"cannot build {Image} from {imageDirectory}", build);
            await DisposeAsync();
            throw new InvalidOperationException(message);
        }
    }

    /// <summary>Removes every container, stops dockerd and deletes its directories.</summary>
    public async Task DisposeAsync()
    {
        if (_daemon is null) return;
        try
        {
            var all = await Docker.RunAsync("ps", "-aq");
            var ids = all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > 0) await Docker.RunAsync(["rm", "-f", "-v", .. ids], TimeSpan.FromSeconds(60));
        }
        finally
        {
            await _daemon.DisposeAsync();
            _daemon = null;
        }
    }

    /// <summary>A CLI (by binary path) bound to this daemon.</summary>
    public DockerCli Cli(string executable) => new(executable, Daemon.SocketPath, Daemon.ClientConfigDirectory);

    /// <summary>
    /// The <c>--runtime</c> option selecting <paramref name="runtime"/> ("runc" or "berth"); fails the test with
    /// directions when berth-runtime was not found.
    /// </summary>
    public IReadOnlyList<string> RuntimeOption(string runtime)
    {
        if (runtime == "berth" && _berthRuntimePath is null)
            throw new XunitException(
                "berth-runtime not found: set BERTH_BIN_DIR (scripts/build.sh publishes to artifacts/bin), put berth-runtime " +
                "on PATH, or point BERTH_COMPAT_RUNTIME_PATH at a runc-compatible binary");
        return ["--runtime", runtime];
    }

    /// <summary>A failure message: what went wrong, the commands involved, and what dockerd (and the runtime trace) said.</summary>
    public string Explain(string what, params CommandResult[] results)
    {
        var text = new StringBuilder(what).AppendLine();
        foreach (var result in results) text.Append(result.Describe());
        if (_daemon is not null) text.Append(_daemon.LogExcerpt());
        if (_traceFile is not null && File.Exists(_traceFile))
        {
            text.AppendLine($"--- runtime trace {_traceFile}: last lines");
            foreach (var line in File.ReadLines(_traceFile).TakeLast(10)) text.AppendLine(line);
        }
        return text.ToString();
    }

    // With BERTH_COMPAT_TRACE set, dockerd gets a wrapper that appends each invocation's argv (and the resources
    // JSON `update` reads from stdin) to that file before becoming the real runtime.
    private async Task<string> RegisteredPathAsync(string root, string runtimePath)
    {
        _traceFile = TestEnvironment.RuntimeTraceFile;
        if (_traceFile is null) return runtimePath;

        var wrapper = Path.Combine(root, "runtime-trace.sh");
        var trace = ShellQuoting.Quote(_traceFile);
        var runtime = ShellQuoting.Quote(runtimePath);
        await File.WriteAllTextAsync(wrapper, $$"""
            #!/bin/sh
            # Generated by the compatibility tests: log how containerd's shim calls the runtime, then run it.
            { printf '%s' "$(date +%T.%N)"; for a in "$@"; do printf ' %s' "$a"; done; printf '\n'; } >> {{trace}}
            for a in "$@"; do
              if [ "$a" = update ]; then
                resources=$(cat); printf '  stdin: %s\n' "$resources" >> {{trace}}
                printf '%s' "$resources" | {{runtime}} "$@"; exit $?
              fi
            done
            exec {{runtime}} "$@"

            """);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return wrapper;
    }
}

using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using Berth.CompatibilityTests.Harness;

namespace Berth.CompatibilityTests.DockerdRuntime;

/// <summary>
/// One private dockerd: its own data root, exec root, unix socket and daemon-managed containerd, no TCP, and no
/// changes to host networking (no bridge, no iptables, no ip forwarding). Stopping it removes every trace.
/// </summary>
public sealed class DockerdDaemon : IAsyncDisposable
{
    /// <summary>Directory names start with this, so abandoned ones from crashed runs can be found.</summary>
    public const string DirectoryPrefix = "berth-compat-";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _dockerd;

    private DockerdDaemon(string rootDirectory, Process dockerd, int containerdPid)
    {
        RootDirectory = rootDirectory;
        _dockerd = dockerd;
        ContainerdPid = containerdPid;
    }

    /// <summary>The directory holding everything this daemon owns.</summary>
    public string RootDirectory { get; }

    /// <summary>The API socket (unix domain).</summary>
    public string SocketPath => SocketPathUnder(RootDirectory);

    /// <summary>The client configuration directory the CLI uses (DOCKER_CONFIG), kept away from the user's.</summary>
    public string ClientConfigDirectory => Path.Combine(RootDirectory, "client");

    /// <summary>dockerd's stdout and stderr (its managed containerd logs here too).</summary>
    public string LogPath => Path.Combine(RootDirectory, "dockerd.log");

    /// <summary>The host pid of dockerd.</summary>
    public int Pid => _dockerd.Id;

    /// <summary>The host pid of the containerd this dockerd started for itself.</summary>
    public int ContainerdPid { get; }

    /// <summary>Creates a fresh, short (unix socket paths stay far below 108 bytes) root directory for a daemon.</summary>
    public static string CreateRootDirectory()
    {
        var root = Path.Combine("/tmp", DirectoryPrefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>
    /// Starts dockerd in <paramref name="root"/> (from <see cref="CreateRootDirectory"/>) with the extra OCI runtimes
    /// (<c>--add-runtime name=path</c>) and waits until it answers <c>/_ping</c> and its own containerd is up.
    /// On failure everything under <paramref name="root"/> is removed.
    /// </summary>
    public static async Task<DockerdDaemon> StartAsync(string root, IReadOnlyDictionary<string, string> runtimes)
    {
        Directory.CreateDirectory(Path.Combine(root, "client"));
        // An empty configuration file keeps a host /etc/docker/daemon.json from changing the daemon.
        await File.WriteAllTextAsync(Path.Combine(root, "daemon.json"), "{}\n");

        var logPath = Path.Combine(root, "dockerd.log");
        List<string> arguments =
        [
            "-c", "log=$1; shift; exec \"$@\" </dev/null >\"$log\" 2>&1", "sh", logPath,
            "/usr/sbin/dockerd",
            "--config-file", Path.Combine(root, "daemon.json"),
            "--data-root", Path.Combine(root, "data"),
            "--exec-root", Path.Combine(root, "exec"),
            "--pidfile", Path.Combine(root, "dockerd.pid"),
            "-H", "unix://" + SocketPathUnder(root),
            "--bridge=none", "--iptables=false", "--ip-masq=false", "--ip-forward=false", "--userland-proxy=false",
            "--debug",
        ];
        foreach (var (name, path) in runtimes) arguments.AddRange(["--add-runtime", $"{name}={path}"]);

        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        // A predictable PATH: dockerd looks up containerd, containerd-shim-runc-v2 and runc there.
        startInfo.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var inherited in new[] { "LD_LIBRARY_PATH", "DOCKER_HOST", "DOCKER_CONFIG", "NOTIFY_SOCKET" })
            startInfo.Environment.Remove(inherited);

        var dockerd = Process.Start(startInfo) ?? throw new InvalidOperationException("cannot start dockerd");
        try
        {
            await WaitForPingAsync(dockerd, SocketPathUnder(root), logPath);
            var containerdPid = FindOwnContainerd(root, dockerd.Id, logPath);
            return new DockerdDaemon(root, dockerd, containerdPid);
        }
        catch
        {
            await StopAndRemoveAsync(root, dockerd.Id, ReadPid(ContainerdPidFile(root)));
            throw;
        }
    }

    /// <summary>
    /// The last lines of dockerd's log plus earlier warnings and errors (the debug log is chatty), for failure messages.
    /// </summary>
    public string LogExcerpt(int tailLines = 15, int scanLines = 400) => Excerpt(LogPath, tailLines, scanLines);

    /// <summary>Removes leftovers of earlier runs whose dockerd is gone (a test host killed before it could clean up).</summary>
    public static async Task RemoveAbandonedAsync()
    {
        foreach (var directory in Directory.EnumerateDirectories("/tmp", DirectoryPrefix + "*"))
        {
            // A run that is starting right now may not have written its pid file yet.
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(directory) < TimeSpan.FromMinutes(10)) continue;
            var dockerdPid = ReadPid(Path.Combine(directory, "dockerd.pid"));
            if (dockerdPid is { } pid && HostProcesses.CommandLine(pid).Contains(directory, StringComparison.Ordinal)) continue;
            await StopAndRemoveAsync(directory, dockerdPid: null, ReadPid(ContainerdPidFile(directory)));
        }
    }

    /// <summary>Stops dockerd (SIGTERM, then SIGKILL), its containerd and shims, and removes its directories.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAndRemoveAsync(RootDirectory, Pid, ContainerdPid);
        _dockerd.Dispose();
    }

    private static async Task StopAndRemoveAsync(string root, int? dockerdPid, int? containerdPid)
    {
        if (dockerdPid is { } pid) await HostProcesses.TerminateAsync(pid, TimeSpan.FromSeconds(20));
        if (containerdPid is { } cpid && HostProcesses.CommandLine(cpid).Contains(root, StringComparison.Ordinal))
            await HostProcesses.TerminateAsync(cpid, TimeSpan.FromSeconds(10));
        // Shims outlive containerd while a container runs; each names its containerd's socket on its command line.
        foreach (var shim in HostProcesses.FindByCommandLine(Path.Combine(root, "exec", "containerd", "containerd.sock")))
            await HostProcesses.TerminateAsync(shim, TimeSpan.FromSeconds(5));
        await HostMounts.RemoveTreeAsync(root);
    }

    private static async Task WaitForPingAsync(Process dockerd, string socketPath, string logPath)
    {
        using var http = UnixSocketHttp.For(socketPath);
        http.Timeout = TimeSpan.FromSeconds(5);

        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartTimeout)
        {
            if (dockerd.HasExited)
                throw new InvalidOperationException($"dockerd exited with {dockerd.ExitCode} while starting\n{Excerpt(logPath, 30, 400)}");
            if (File.Exists(socketPath))
            {
                try
                {
                    var answer = await http.GetStringAsync("http://docker/_ping");
                    if (answer == "OK") return;
                }
                catch (HttpRequestException)
                {
                    // Socket bound but the API is not served yet.
                }
                catch (TaskCanceledException)
                {
                    // A ping that took longer than its own timeout; try again.
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"dockerd did not answer /_ping within {StartTimeout.TotalSeconds} s\n{Excerpt(logPath, 30, 400)}");
    }

    // The tests must not share a containerd with anything else: dockerd starts one itself when --containerd is
    // not given, and that one must be dockerd's child, configured under this daemon's exec root.
    private static int FindOwnContainerd(string root, int dockerdPid, string logPath)
    {
        var pid = ReadPid(ContainerdPidFile(root))
            ?? throw new InvalidOperationException($"dockerd wrote no containerd pid file\n{Excerpt(logPath, 30, 400)}");
        var commandLine = HostProcesses.CommandLine(pid);
        if (HostProcesses.ParentOf(pid) != dockerdPid || !commandLine.Contains(Path.Combine(root, "exec"), StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"containerd {pid} ({commandLine}) is not the private containerd of dockerd {dockerdPid}");
        return pid;
    }

    private static string SocketPathUnder(string root) => Path.Combine(root, "docker.sock");

    private static string ContainerdPidFile(string root) => Path.Combine(root, "exec", "containerd", "containerd.pid");

    private static int? ReadPid(string file)
    {
        try
        {
            return int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Excerpt(string logPath, int tailLines, int scanLines)
    {
        string[] lines;
        try
        {
            // Shared read: dockerd keeps the file open for writing.
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            lines = new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException e)
        {
            return $"(no dockerd log: {e.Message})";
        }

        var scanned = lines.TakeLast(scanLines).ToList();
        var tail = scanned.TakeLast(tailLines).ToList();
        var notable = scanned.SkipLast(tailLines)
            .Where(line => line.Contains("level=error", StringComparison.Ordinal) || line.Contains("level=warning", StringComparison.Ordinal))
            // Said on every run: the tests deliberately leave ip forwarding off.
            .Where(line => !line.Contains("IPv4 forwarding is disabled", StringComparison.Ordinal))
            .TakeLast(20)
            .ToList();
        var text = new System.Text.StringBuilder();
        text.AppendLine($"--- dockerd log {logPath}: warnings/errors among the last {scanLines} lines");
        foreach (var line in notable) text.AppendLine(line);
        text.AppendLine($"--- dockerd log: last {tailLines} lines");
        foreach (var line in tail) text.AppendLine(line);
        return text.ToString();
    }
}

using System.Text;
using Berth.Daemon.Containers.Monitor;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Monitor;

/// <summary>A berth-monitor of its own (private exec root, started as berthd starts it) for one test; disposing kills
/// it and deletes whatever containers are left.</summary>
internal sealed class MonitorSession : IAsyncDisposable
{
    private MonitorSession(string execRoot, MonitorClient client)
    {
        ExecRoot = execRoot;
        Client = client;
        Pid = int.Parse(File.ReadAllText(Path.Combine(execRoot, "monitor.pid")).Trim());
    }

    /// <summary>The exec root the monitor serves.</summary>
    internal string ExecRoot { get; }

    /// <summary>The runtime's --root for this session's containers.</summary>
    internal string RuntimeRoot => Path.Combine(ExecRoot, "runtime");

    /// <summary>The client berthd would use.</summary>
    internal MonitorClient Client { get; }

    /// <summary>The monitor's pid.</summary>
    internal int Pid { get; }

    /// <summary>The berth-monitor binary: $BERTH_BIN_DIR, then artifacts/bin.</summary>
    internal static string Binary
    {
        get
        {
            string[] candidates = [Path.Combine(Environment.GetEnvironmentVariable("BERTH_BIN_DIR") ?? "", "berth-monitor"),
                Path.Combine(TestPaths.RepositoryRoot, "artifacts", "bin", "berth-monitor")];
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("berth-monitor not built: run scripts/build.sh (or set BERTH_BIN_DIR)");
        }
    }

    /// <summary>Starts a monitor on a fresh exec root, or on root (a monitor's restart).</summary>
    internal static async Task<MonitorSession> StartAsync(string? root = null)
    {
        root ??= Path.Combine(Path.GetTempPath(), "berth-mon-" + Guid.NewGuid().ToString("N")[..8]);
        var client = await MonitorStarter.ConnectOrStartAsync(root, Binary, CancellationToken.None);
        return new MonitorSession(root, client);
    }

    /// <summary>The launch of bundle with a json-file log under the exec root.</summary>
    internal ContainerLaunch Launch(TestBundle bundle, bool tty = false, bool openStdin = false, string driver = "json-file",
        long maxSize = 0, int maxFile = 1)
        => new(bundle.Id, bundle.Dir, TestPaths.RuntimeBinary, RuntimeRoot, tty, openStdin,
            new LogSettings(driver, LogPath(bundle.Id), maxSize, maxFile, false));

    /// <summary>Where a container's log goes.</summary>
    internal string LogPath(string id) => Path.Combine(ExecRoot, "logs", id + "-json.log");

    /// <summary>Reads a subscription to its end: (stdout, stderr).</summary>
    internal static async Task<(string Stdout, string Stderr)> DrainAsync(IOutputSubscription subscription, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        while (await subscription.ReadAsync(cancel.Token) is { } chunk)
            (chunk.Stream == OutputStream.Stdout ? stdout : stderr).Append(Encoding.UTF8.GetString(chunk.Data.Span));
        return (stdout.ToString(), stderr.ToString());
    }

    /// <summary>The next exit of key from the watch stream.</summary>
    internal async Task<ProcessExit> ExitOfAsync(string key, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await foreach (var exit in Client.WatchExitsAsync(cancel.Token))
            if (exit.Key == key) return exit;
        throw new TimeoutException($"no exit of {key} within {timeout}");
    }

    /// <summary>The monitor's resident set in KiB.</summary>
    internal long RssKiB()
        => long.Parse(File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmRSS:"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    /// <summary>Kills the monitor with SIGKILL, as a crash would, leaving its exec root as it is.</summary>
    internal async Task CrashAsync()
    {
        System.Diagnostics.Process.GetProcessById(Pid).Kill();
        while (Directory.Exists($"/proc/{Pid}")) await Task.Delay(20);
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(RuntimeRoot))
            foreach (var dir in Directory.GetDirectories(RuntimeRoot))
                Command.Run(TestPaths.RuntimeBinary, ["--root", RuntimeRoot, "delete", "--force", Path.GetFileName(dir)], null);
        try { System.Diagnostics.Process.GetProcessById(Pid).Kill(); } catch (ArgumentException) { }
        await Task.Delay(100);
        try { Directory.Delete(ExecRoot, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

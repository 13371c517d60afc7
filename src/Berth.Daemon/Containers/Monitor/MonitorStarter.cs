using System.Diagnostics;
using System.Net.Sockets;
using Berth.Monitor.Protocol;

namespace Berth.Daemon.Containers.Monitor;

/// <summary>Connects to the host's berth-monitor, starting it first when none answers: detached in its own session
/// (setsid) with its output in &lt;exec-root&gt;/monitor.log, so that it outlives berthd.</summary>
public static class MonitorStarter
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly SemaphoreSlim Starting = new(1, 1);

    /// <summary>A client of the monitor serving execRoot; explicitPath names the binary, else it is found beside
    /// berthd (its launcher folder, artifacts/bin) or on PATH.</summary>
    public static async Task<MonitorClient> ConnectOrStartAsync(string execRoot, string? explicitPath, CancellationToken cancel)
    {
        var socket = Path.Combine(execRoot, Wire.SocketName);
        if (await AnswersAsync(socket, cancel)) return new MonitorClient(socket);
        await Starting.WaitAsync(cancel);
        try
        {
            if (await AnswersAsync(socket, cancel)) return new MonitorClient(socket);
            var binary = FindBinary(explicitPath);
            Directory.CreateDirectory(execRoot);
            Launch(binary, execRoot);
            var deadline = Stopwatch.StartNew();
            while (!await AnswersAsync(socket, cancel))
            {
                if (deadline.Elapsed > StartTimeout)
                    throw new MonitorError($"berth-monitor did not start listening on {socket}; see {Path.Combine(execRoot, "monitor.log")}");
                await Task.Delay(50, cancel);
            }
            return new MonitorClient(socket);
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>The berth-monitor executable: explicitPath, else beside berthd's published folder, else PATH.</summary>
    public static string FindBinary(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new MonitorError($"berth-monitor not found at {explicitPath}");
        var here = AppContext.BaseDirectory;
        // artifacts/berthd/ → artifacts/bin; /usr/local/lib/berth/berthd/ → /usr/local/bin.
        string[] beside = [here, Path.Combine(here, "..", "bin"), Path.Combine(here, "..", "..", "..", "bin")];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return beside.Concat(path).Select(d => Path.GetFullPath(Path.Combine(d, "berth-monitor"))).FirstOrDefault(File.Exists)
            ?? throw new MonitorError("berth-monitor not found beside berthd or on PATH (run scripts/build.sh)");
    }

    private static void Launch(string binary, string execRoot)
    {
        // setsid -f forks: the monitor is nobody's child but init's, in a session of its own, so neither berthd's exit
        // nor a signal to berthd's process group reaches it.
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec setsid -f \"$0\" --root \"$1\" </dev/null >>\"$1/monitor.log\" 2>&1", binary, execRoot },
            UseShellExecute = false,
        };
        using var shell = Process.Start(start) ?? throw new MonitorError("cannot start berth-monitor");
        shell.WaitForExit();
        if (shell.ExitCode != 0) throw new MonitorError($"starting berth-monitor failed (exit status {shell.ExitCode})");
    }

    private static async Task<bool> AnswersAsync(string socket, CancellationToken cancel)
    {
        if (!File.Exists(socket)) return false;
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancel);
            return true;
        }
        catch (SocketException) { return false; }
    }
}

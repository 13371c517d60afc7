using System.Diagnostics;
using System.Net.Sockets;

namespace Berth.CompatibilityTests.Harness;

/// <summary>A berthd of the test's own: private socket, data root, exec root, pid file and empty daemon.json. On dispose
/// berthd is killed, and so are the containers and the monitor it started (they outlive berthd by design).</summary>
public sealed class BerthdProcess : IDisposable
{
    private readonly Process _process;

    /// <summary>The folder holding everything of this daemon.</summary>
    public string Directory { get; }

    /// <summary>The exec root: bundles, the runtime's state and the monitor's socket.</summary>
    public string ExecRoot => Path.Combine(Directory, "exec");

    /// <summary>The API socket.</summary>
    public string SocketPath => Path.Combine(Directory, "berthd.sock");

    private BerthdProcess(string directory, Process process)
    {
        Directory = directory;
        _process = process;
    }

    /// <summary>Starts berthd (BERTH_BIN_DIR/berthd or the built one) and waits until its socket answers.</summary>
    public static BerthdProcess Start()
    {
        var executable = Binary("berthd");
        var directory = System.IO.Directory.CreateTempSubdirectory("berth-compat-berthd-").FullName;
        File.WriteAllText(Path.Combine(directory, "daemon.json"), "{}");
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-H", "unix://" + Path.Combine(directory, "berthd.sock"), "--data-root", Path.Combine(directory, "root"),
                     "--exec-root", Path.Combine(directory, "exec"),
                     "--pidfile", Path.Combine(directory, "berthd.pid"), "--config-file", Path.Combine(directory, "daemon.json") })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new BerthdProcess(directory, process);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!daemon.Answers())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                daemon.Dispose();
                throw new InvalidOperationException("berthd did not start listening");
            }
            Thread.Sleep(100);
        }
        return daemon;
    }

    /// <summary>A built Berth executable (berthd, berth): in BERTH_BIN_DIR, else artifacts/bin.</summary>
    public static string Binary(string name)
    {
        var binDirectory = System.Environment.GetEnvironmentVariable("BERTH_BIN_DIR") is { Length: > 0 } bin
            ? bin : Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "bin");
        var executable = Path.Combine(binDirectory, name);
        return File.Exists(executable) ? executable : throw new InvalidOperationException($"{executable} is missing: run scripts/build.sh");
    }

    private bool Answers()
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            return true;
        }
        catch (SocketException) { return false; }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_process.HasExited) ProcessRunner.KillTree(_process);
        _process.WaitForExit(10_000);
        _process.Dispose();
        RemoveContainers();
        HostMounts.RemoveTreeAsync(Directory).GetAwaiter().GetResult();
    }

    private void RemoveContainers()
    {
        var runtimeRoot = Path.Combine(ExecRoot, "runtime");
        if (System.IO.Directory.Exists(runtimeRoot))
            foreach (var state in System.IO.Directory.GetDirectories(runtimeRoot))
                ProcessRunner.RunAsync(Binary("berth-runtime"), ["--root", runtimeRoot, "delete", "--force", Path.GetFileName(state)],
                    TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        // The monitor is detached (its parent is init), so it is found by its command line.
        foreach (var pid in HostProcesses.FindByCommandLine("berth-monitor --root " + ExecRoot))
            HostProcesses.TerminateAsync(pid, TimeSpan.Zero).GetAwaiter().GetResult();
    }
}

using System.Diagnostics;
using System.Net.Sockets;

namespace Berth.CompatibilityTests.Harness;

/// <summary>A berthd of the test's own: private socket, data root, pid file and empty daemon.json, killed on dispose.</summary>
public sealed class BerthdProcess : IDisposable
{
    private readonly Process _process;

    /// <summary>The folder holding everything of this daemon.</summary>
    public string Directory { get; }

    /// <summary>The API socket.</summary>
    public string SocketPath => Path.Combine(Directory, "berthd.sock");

    private BerthdProcess(string directory, Process process)
    {
        Directory = directory;
        _process = process;
    }

    /// <summary>BERTH_BIN_DIR/berthd, or the one scripts/build.sh built.</summary>
    public static string ExecutablePath => Path.Combine(System.Environment.GetEnvironmentVariable("BERTH_BIN_DIR") is { Length: > 0 } bin
        ? bin : Path.Combine(TestEnvironment.RepositoryRoot, "artifacts", "bin"), "berthd");

    /// <summary>Starts berthd (BERTH_BIN_DIR/berthd or the built one) and waits until its socket answers.</summary>
    public static BerthdProcess Start()
    {
        var executable = ExecutablePath;
        if (!File.Exists(executable)) throw new InvalidOperationException($"{executable} is missing: run scripts/build.sh");
        var directory = System.IO.Directory.CreateTempSubdirectory("berth-compat-berthd-").FullName;
        File.WriteAllText(Path.Combine(directory, "daemon.json"), "{}");
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-H", "unix://" + Path.Combine(directory, "berthd.sock"), "--data-root", Path.Combine(directory, "root"),
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
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

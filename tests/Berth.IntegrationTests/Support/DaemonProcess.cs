using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Berth.IntegrationTests.Support;

/// <summary>A berthd of its own: temp socket, data root, pid file and config-file path; killed and cleaned up when disposed.</summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>The private folder holding everything this daemon writes.</summary>
    internal string Dir { get; }
    /// <summary>Its unix socket.</summary>
    internal string Socket => Path.Combine(Dir, "berthd.sock");
    /// <summary>-H value for the socket.</summary>
    internal string Host => "unix://" + Socket;
    /// <summary>Its data root.</summary>
    internal string DataRoot => Path.Combine(Dir, "root");
    /// <summary>Its pid file.</summary>
    internal string PidFile => Path.Combine(Dir, "berthd.pid");
    /// <summary>Its daemon.json path (absent unless a test writes it).</summary>
    internal string ConfigFile => Path.Combine(Dir, "daemon.json");

    /// <summary>The private --exec-root (bundles, the monitor's socket).</summary>
    internal string ExecRoot => Path.Combine(Dir, "exec");
    /// <summary>Everything berthd printed so far.</summary>
    internal string Output { get { lock (_output) return _output.ToString(); } }
    /// <summary>The daemon's pid.</summary>
    internal int Pid => _process.Id;

    private DaemonProcess(string dir, IEnumerable<string> args)
    {
        Dir = dir;
        var info = new ProcessStartInfo(TestPaths.DaemonBinary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.Append(e.Data).Append('\n'); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.Append(e.Data).Append('\n'); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts berthd with the private paths plus extra args; unless listenOnSocket is false, the default -H is the private socket.</summary>
    internal static DaemonProcess Start(IEnumerable<string>? extraArgs = null, bool listenOnSocket = true, string? dir = null)
    {
        dir ??= Path.Combine("/tmp", "berthd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var args = new List<string> { "--data-root", Path.Combine(dir, "root"), "--exec-root", Path.Combine(dir, "exec"),
            "--pidfile", Path.Combine(dir, "berthd.pid"), "--config-file", Path.Combine(dir, "daemon.json") };
        if (listenOnSocket) args.AddRange(["-H", "unix://" + Path.Combine(dir, "berthd.sock")]);
        args.AddRange(extraArgs ?? []);
        if (!File.Exists(Path.Combine(dir, "daemon.json"))) File.WriteAllText(Path.Combine(dir, "daemon.json"), "{}");
        return new DaemonProcess(dir, args);
    }

    /// <summary>Starts berthd (in dir, to restart on an earlier daemon's data root) and waits until it serves its socket.</summary>
    internal static DaemonProcess StartReady(IEnumerable<string>? extraArgs = null, string? dir = null)
    {
        var d = Start(extraArgs, dir: dir);
        d.WaitUntil(() => d.SocketAnswers(), "berthd to listen");
        return d;
    }

    /// <summary>Waits for berthd to exit (for refused starts); returns its exit code.</summary>
    internal int WaitForExit(int seconds = 20)
    {
        if (!_process.WaitForExit(seconds * 1000)) throw new TimeoutException($"berthd still running after {seconds}s:\n{Output}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>True once berthd has exited.</summary>
    internal bool HasExited => _process.HasExited;

    /// <summary>Polls condition for up to 20 s, failing with berthd's output.</summary>
    internal void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (_process.HasExited) throw new InvalidOperationException($"berthd exited ({_process.ExitCode}) before {what}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}:\n{Output}");
            Thread.Sleep(50);
        }
    }

    private bool SocketAnswers()
    {
        if (!File.Exists(Socket)) return false;
        using var s = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try { s.Connect(new UnixDomainSocketEndPoint(Socket)); return true; }
        catch (SocketException) { return false; }
    }

    /// <summary>Sends SIGKILL (a crash, as far as berthd can tell) and waits until it is gone.</summary>
    internal void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>Sends SIGTERM and waits for a graceful exit; returns the exit code.</summary>
    internal int Terminate()
    {
        Command.Run("kill", ["-TERM", _process.Id.ToString()]);
        return WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); } catch (InvalidOperationException) { }
        }
        _process.Dispose();
        DaemonLeftovers.Clean(Dir);
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

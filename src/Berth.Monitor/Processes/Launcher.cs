using System.Collections;
using System.Net.Sockets;
using System.Text.Json;
using Berth.Monitor.Interop;
using Berth.Monitor.Logs;
using Berth.Monitor.Output;
using Berth.Monitor.Protocol;
using Berth.Runtime.Processes;
using Berth.Runtime.Terminal;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Monitor.Processes;

/// <summary>Starts containers and execs with stdio the monitor made: pipes, or a pty master the runtime sends over a
/// console socket. A container of our own berth-runtime is created and started in-process; otherwise (and for every
/// exec) the runtime's command line runs (`run --detach`, `exec --detach`) and exits once the process runs. The
/// process, our child or re-parented to us (we are a child subreaper), is then watched by the reaper.</summary>
internal sealed class Launcher(string root, ProcessTable table, Reaper reaper, ExitStore exits, InProcessRuntime inProcess)
{
    private static readonly TimeSpan RuntimeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs a container; returns its init's pid.</summary>
    internal Task<int> StartContainerAsync(MonitorRequest r)
    {
        var key = ValidKey(r.Key);
        var log = r.Log is { } l ? CreateLog(l) : null;
        var entry = table.ForStart(key);
        entry.Output.UseLog(log);
        var bundle = Require(r.Bundle, "bundle");
        return LaunchAsync(entry, r, (stdio, consoleSocket) =>
        {
            if (inProcess.Serves(r.Runtime) && InProcessRuntime.Load(bundle) is { } loaded)
                return Task.Run(() => inProcess.Start(r, key, loaded, stdio.ChildRedirects, consoleSocket));
            return RunRuntimeAsync(entry.Key, stdio, consoleSocket, (pidFile, consoleArgs) =>
                [.. Start(r), "run", "--detach", "--bundle", bundle, "--pid-file", pidFile, .. consoleArgs, key]);
        });
    }

    /// <summary>Runs a process in a running container; returns its pid.</summary>
    internal Task<int> StartExecAsync(MonitorRequest r)
    {
        var key = ValidKey(r.Key);
        var container = ValidKey(r.Container);
        var entry = table.ForStart(key);
        var process = Require(r.ProcessJson, "processJson");
        return LaunchAsync(entry, r, (stdio, consoleSocket) => RunRuntimeAsync(entry.Key, stdio, consoleSocket, (pidFile, consoleArgs) =>
            [.. Start(r), "exec", "--detach", "--process", process, "--pid-file", pidFile, .. consoleArgs, container]));
    }

    private static LogWriter? CreateLog(LogConfig l)
    {
        try { return LogWriter.Create(l.Driver, l.Path, l.MaxSize, l.MaxFile, l.Compress); }
        catch (Exception e) when (e is LogConfigException or IOException or UnauthorizedAccessException)
        {
            throw new MonitorException($"failed to initialize logging driver: {e.Message}");
        }
    }

    private static string[] Start(MonitorRequest r)
        => [Require(r.Runtime, "runtime"), "--root", Require(r.RuntimeRoot, "runtimeRoot")];

    /// <summary>Makes the process's stdio, has start run it (given that stdio and the console socket's path when it has
    /// a terminal; its task ends with the pid), wires the output to entry and watches the process.</summary>
    private async Task<int> LaunchAsync(ProcessEntry entry, MonitorRequest r, Func<LaunchStdio, string?, Task<int>> start)
    {
        var stdio = new LaunchStdio();
        Socket? console = null;
        DirectoryInfo? consoleDirectory = null;
        try
        {
            string? socketPath = null;
            if (r.Tty)
            {
                // In a folder of its own under the temp directory, as go-runc's temp console socket: a path under a long
                // exec root would not fit the 108 bytes of a unix socket address.
                consoleDirectory = Directory.CreateTempSubdirectory("berth-pty-");
                socketPath = Path.Combine(consoleDirectory.FullName, "pty.sock");
                console = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                console.Bind(new UnixDomainSocketEndPoint(socketPath));
                console.Listen(1);
                stdio.Null();
            }
            else stdio.Pipes(r.OpenStdin);

            var started = start(stdio, socketPath);
            if (!r.Tty)
            {
                entry.Output.AddSource(stdio.TakeStdout(), LogStream.Stdout);
                entry.Output.AddSource(stdio.TakeStderr(), LogStream.Stderr);
                entry.UseStdio(stdio.TakeStdin(), -1);
            }
            else
            {
                var master = await ReceiveTerminalAsync(console!, started);
                entry.Output.AddSource(master, LogStream.Stdout);
                var control = Check(fcntl(master, 1030 /* F_DUPFD_CLOEXEC */, 3), "dup pty master");
                entry.UseStdio(control, control);
            }

            var pid = await started.WaitAsync(RuntimeTimeout);
            stdio.CloseChildEnds();
            entry.MarkStarted(pid);
            reaper.Watch(pid, s => Exited(entry, pid, s));
            return pid;
        }
        catch (Exception e)
        {
            stdio.Dispose();
            entry.MarkFailed(e);
            if (e is MonitorException) throw;
            throw new MonitorException(e is TimeoutException ? "the OCI runtime did not finish starting in time" : e.Message);
        }
        finally
        {
            console?.Dispose();
            try { consoleDirectory?.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Runs the runtime's command line (argv from the pid file's path and the console arguments) with stdio's
    /// child ends as its 0-2, which it hands to the process; ends with the pid the runtime wrote once it has exited.</summary>
    private async Task<int> RunRuntimeAsync(string key, LaunchStdio stdio, string? consoleSocket, Func<string, string[], string[]> command)
    {
        var work = Path.Combine(root, "launch", key);
        try
        {
            Directory.CreateDirectory(work);
            var pidFile = Path.Combine(work, "pid");
            var runtimeLog = Path.Combine(work, "runtime.log");
            File.Delete(pidFile);
            File.Delete(runtimeLog);
            var argv = command(pidFile, consoleSocket == null ? [] : ["--console-socket", consoleSocket]);
            argv = [argv[0], "--log", runtimeLog, "--log-format", "json", .. argv[1..]];
            var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Spawn.InheritanceGate)
                reaper.SpawnAndWatch(() => Spawn.Start(argv[0], argv, Environment(), stdio.ChildRedirects), exited.SetResult);
            var status = await exited.Task.WaitAsync(RuntimeTimeout);
            if (status != 0) throw new MonitorException(RuntimeFailure(runtimeLog, ExitCodeOf(status)));
            return int.Parse(File.ReadAllText(pidFile).Trim());
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    // On the reaper thread, which must not wait: the exit is recorded once the process's output is all in its log, as
    // dockerd waits for its stream copiers before it reports an exit (a `logs` right after `wait` must show every line),
    // or after the grace a grandchild holding a pipe open gets.
    private void Exited(ProcessEntry entry, int pid, int status)
    {
        var exit = new ExitRecord(entry.Key, pid, ExitCodeOf(status), DateTimeOffset.UtcNow);
        entry.Exit = exit;
        entry.CloseStdio();
        entry.Output.ProcessExited();
        entry.Output.Finished.WaitAsync(ProcessOutput.ExitGrace).ContinueWith(_ =>
        {
            try { exits.Record(exit); }
            catch (IOException e) { Console.Error.WriteLine($"berth-monitor: record exit of {entry.Key}: {e.Message}"); }
        }, TaskScheduler.Default);
    }

    /// <summary>Accepts the runtime's connection on the console socket and takes the pty master from it; a start that
    /// fails first reports its own error.</summary>
    private static async Task<int> ReceiveTerminalAsync(Socket console, Task<int> started)
    {
        var accept = console.AcceptAsync();
        if (await Task.WhenAny(accept, started).WaitAsync(RuntimeTimeout) != accept)
        {
            await started;
            // Started: the connection was made before, and its accept is only a moment behind.
            if (await Task.WhenAny(accept, Task.Delay(TimeSpan.FromSeconds(2))) != accept)
            {
                _ = accept.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
                throw new MonitorException("the OCI runtime sent no terminal");
            }
        }
        using var connection = await accept;
        return DescriptorPassing.Receive((int)connection.Handle);
    }

    /// <summary>The runtime's own error (its json log's last error line), as containerd reports runc's.</summary>
    private static string RuntimeFailure(string logFile, int code)
    {
        string? message = null;
        try
        {
            foreach (var line in File.ReadLines(logFile))
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("level", out var level) && level.GetString() == "error"
                    && doc.RootElement.TryGetProperty("msg", out var msg))
                    message = msg.GetString();
            }
        }
        catch (Exception e) when (e is IOException or JsonException) { }
        return $"OCI runtime start failed: {message ?? $"the runtime exited with status {code}"}";
    }

    private static string[] Environment()
        => [.. System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}")];

    private static string Require(string? value, string name)
        => string.IsNullOrEmpty(value) ? throw new MonitorException($"missing {name}") : value;

    /// <summary>Keys name files and folders: container and exec ids are [A-Za-z0-9_.-].</summary>
    internal static string ValidKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 128 || key.StartsWith('.')
            || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw new MonitorException($"invalid process key \"{key}\"");
        return key;
    }
}

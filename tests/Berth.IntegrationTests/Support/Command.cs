using System.Diagnostics;
using System.Text;

namespace Berth.IntegrationTests.Support;

/// <summary>The outcome of a finished command.</summary>
internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything the command printed, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>Runs a program to completion with a time limit, capturing its output; never hangs a test.</summary>
internal static class Command
{
    // A detached container inherits the runtime's stdout and stderr, exactly as with runc, so the pipes may stay
    // open long after the command itself has exited: its output is whatever arrived by then plus this grace.
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    /// <summary>Runs file with args; kills it (and fails) when it outlives the timeout.</summary>
    internal static CommandResult Run(string file, IEnumerable<string> args, string? stdin = null, int timeoutSeconds = 60)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = new Process { StartInfo = info };
        process.Start();
        var stdout = Capture.Start(process.StandardOutput);
        var stderr = Capture.Start(process.StandardError);
        if (stdin != null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeoutSeconds}s");
        }
        Task.WaitAll([stdout.Closed, stderr.Closed], OutputGrace);
        return new CommandResult(process.ExitCode, stdout.Text, stderr.Text);
    }

    /// <summary>Runs a shell command line.</summary>
    internal static CommandResult Shell(string commandLine, int timeoutSeconds = 60)
        => Run("/bin/sh", ["-c", commandLine], timeoutSeconds: timeoutSeconds);

    /// <summary>One output stream read to its end on a thread of its own; Closed completes at end of stream.</summary>
    /// <remarks>Not on the thread pool: with many tests blocked in WaitForExit the pool starves, and output read
    /// there could arrive after the grace and be lost.</remarks>
    private sealed class Capture
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Task Closed => _closed.Task;

        internal string Text { get { lock (_text) return _text.ToString(); } }

        internal static Capture Start(StreamReader reader)
        {
            var capture = new Capture();
            new Thread(() => capture.ReadAll(reader)) { IsBackground = true, Name = "command output" }.Start();
            return capture;
        }

        private void ReadAll(StreamReader reader)
        {
            try
            {
                while (reader.ReadLine() is { } line)
                    lock (_text) _text.Append(line).Append('\n');
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            finally { _closed.TrySetResult(); }
        }
    }
}

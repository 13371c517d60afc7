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
        var stdout = new Capture();
        var stderr = new Capture();
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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

    /// <summary>Lines of one output stream as they arrive; Closed completes at end of stream.</summary>
    private sealed class Capture
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Task Closed => _closed.Task;

        internal string Text { get { lock (_text) return _text.ToString(); } }

        internal void Add(string? line)
        {
            if (line == null) { _closed.TrySetResult(); return; }
            lock (_text) _text.Append(line).Append('\n');
        }
    }
}

using System.Diagnostics;
using System.Text;

namespace Berth.CompatibilityTests.Harness;

/// <summary>
/// A command running on a pseudo-terminal made by util-linux `script`, driven like a person at a keyboard:
/// send a line, wait for text to appear, collect the exit status.
/// </summary>
public sealed class TerminalSession : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private readonly Process _script;
    private readonly StringBuilder _transcript = new();
    private readonly Task _pump;

    private TerminalSession(Process script)
    {
        _script = script;
        _pump = Task.WhenAll(PumpAsync(script.StandardOutput), PumpAsync(script.StandardError));
    }

    /// <summary>Everything the terminal has shown so far (input echo included, carriage returns kept).</summary>
    public string Transcript
    {
        get
        {
            lock (_transcript) return _transcript.ToString();
        }
    }

    /// <summary>Starts <paramref name="arguments"/> (program first) on a new terminal with the given environment.</summary>
    public static TerminalSession Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        // -e: exit with the child's status; -q: no banner; /dev/null: keep no typescript file.
        var startInfo = ProcessRunner.CreateStartInfo(
            "script", ["-q", "-e", "-c", ShellQuoting.Join(arguments), "/dev/null"], environment);
        var script = Process.Start(startInfo) ?? throw new InvalidOperationException("cannot start script");
        return new TerminalSession(script);
    }

    /// <summary>Types one line followed by Enter.</summary>
    public async Task SendLineAsync(string line)
    {
        await _script.StandardInput.WriteAsync(line + "\n");
        await _script.StandardInput.FlushAsync();
    }

    /// <summary>Waits until the transcript satisfies <paramref name="condition"/>; false when time runs out.</summary>
    public async Task<bool> WaitForAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition(Transcript))
        {
            if (stopwatch.Elapsed > timeout) return false;
            await Task.Delay(PollInterval);
        }
        return true;
    }

    /// <summary>Waits until a line of output equals <paramref name="line"/> exactly.</summary>
    public Task<bool> WaitForLineAsync(string line, TimeSpan timeout) =>
        WaitForAsync(text => Lines(text).Contains(line), timeout);

    /// <summary>Waits for the command to end and returns its exit status, or null if it did not end in time.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _script.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        await Task.WhenAny(_pump, Task.Delay(TimeSpan.FromSeconds(2)));
        return _script.ExitCode;
    }

    /// <summary>The transcript's lines without terminal carriage returns.</summary>
    public static IReadOnlyList<string> Lines(string transcript) =>
        transcript.Replace("\r", "").Split('\n');

    /// <summary>Kills the session if it is still running.</summary>
    public void Dispose()
    {
        if (!_script.HasExited) ProcessRunner.KillTree(_script);
        _script.Dispose();
    }

    private async Task PumpAsync(StreamReader output)
    {
        var buffer = new char[4096];
        while (true)
        {
            var read = await output.ReadAsync(buffer);
            if (read == 0) return;
            lock (_transcript) _transcript.Append(buffer, 0, read);
        }
    }
}

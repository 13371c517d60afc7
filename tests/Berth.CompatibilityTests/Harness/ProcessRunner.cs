using System.ComponentModel;
using System.Diagnostics;

namespace Berth.CompatibilityTests.Harness;

/// <summary>Runs a program to completion under a deadline and captures its output; never hangs a test.</summary>
public static class ProcessRunner
{
    // After exit (or kill) a grandchild may still hold the output pipes open; wait for them only this long.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>, feeds <paramref name="standardInput"/>
    /// (then closes stdin), and waits at most <paramref name="timeout"/>; on expiry kills the whole process tree.
    /// Environment entries with a null value are removed from the inherited environment.
    /// </summary>
    public static async Task<CommandResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? standardInput = null)
    {
        var startInfo = CreateStartInfo(fileName, arguments, environment);
        var commandLine = ShellQuoting.Join([fileName, .. arguments]);
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new CommandResult(commandLine, -1, "", $"cannot start {fileName}: {e.Message}", false, stopwatch.Elapsed);
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await FeedAsync(process, standardInput);

        var timedOut = false;
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                KillTree(process);
                await process.WaitForExitAsync();
            }
        }

        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(DrainTimeout));
        var elapsed = stopwatch.Elapsed;
        return new CommandResult(
            commandLine,
            timedOut ? -1 : process.ExitCode,
            stdout.IsCompletedSuccessfully ? stdout.Result : "",
            stderr.IsCompletedSuccessfully ? stderr.Result : "",
            timedOut,
            elapsed);
    }

    /// <summary>A start description with every stream redirected and the environment adjusted.</summary>
    public static ProcessStartInfo CreateStartInfo(
        string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null) startInfo.Environment.Remove(name);
                else startInfo.Environment[name] = value;
            }
        }
        return startInfo;
    }

    /// <summary>Kills a process and all its descendants, tolerating one that already exited.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task FeedAsync(Process process, string? standardInput)
    {
        try
        {
            if (standardInput is not null) await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit status tells the story.
        }
    }
}

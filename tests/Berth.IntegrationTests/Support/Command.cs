using System.Diagnostics;

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
    /// <summary>Runs file with args; kills it (and fails) when it outlives the timeout.</summary>
    internal static CommandResult Run(string file, IEnumerable<string> args, string? stdin = null, int timeoutSeconds = 60)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin != null,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
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
        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a shell command line.</summary>
    internal static CommandResult Shell(string commandLine, int timeoutSeconds = 60)
        => Run("/bin/sh", ["-c", commandLine], timeoutSeconds: timeoutSeconds);
}

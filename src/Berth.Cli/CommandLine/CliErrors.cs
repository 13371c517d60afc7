namespace Berth.Cli.CommandLine;

/// <summary>A failure that ends the command with a message on stderr and an exit status, as docker's StatusError.</summary>
public class CliError(string message, int exitCode) : Exception(message)
{
    /// <summary>The process exit status.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>A wrong command line: unknown flag, missing value; docker exits 125 for these.</summary>
public sealed class UsageError(string message, string command) : CliError($"{message}\nSee '{command} --help'.", 125);

namespace Berth.Cli.CommandLine;

/// <summary>A failure that ends the command with a message on stderr and an exit status, as docker's StatusError.</summary>
public class CliError(string message, int exitCode) : Exception(message)
{
    /// <summary>The process exit status.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>A wrong command line: unknown flag, missing value; docker exits 125 for these.</summary>
public sealed class UsageError(string message, string command) : CliError($"{message}\nSee '{command} --help'.", 125);

/// <summary>An error answer of the daemon, printed as docker prints it: "Error response from daemon: …".</summary>
public sealed class DaemonError(string message, int statusCode) : CliError("Error response from daemon: " + message, 1)
{
    /// <summary>The HTTP status of the answer (404 for a missing container or image).</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The daemon's own message, without the prefix.</summary>
    public string DaemonMessage { get; } = message;
}

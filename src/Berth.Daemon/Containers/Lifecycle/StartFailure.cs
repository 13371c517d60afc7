namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>The exit code dockerd records for a process that could not start, read from the runtime's message.</summary>
public static class StartFailure
{
    /// <summary>127 when the program is missing, 126 when it may not be run; null for any other failure.</summary>
    public static int? ExitCode(string message) =>
        message.Contains("not found", StringComparison.Ordinal) || message.Contains("no such file", StringComparison.OrdinalIgnoreCase) ? 127
        : message.Contains("permission denied", StringComparison.OrdinalIgnoreCase) ? 126
        : null;
}

namespace Berth.Daemon.Configuration;

/// <summary>berthd cannot start: the message is printed as dockerd prints its start-up failures, and the exit code is 1.</summary>
public sealed class StartupError(string message) : Exception(message);

namespace Berth.Daemon.Configuration;

/// <summary>The command line itself is wrong; dockerd answers such errors with exit status 125.</summary>
public sealed class UsageError(string message) : Exception(message);

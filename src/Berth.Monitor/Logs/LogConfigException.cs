namespace Berth.Monitor.Logs;

/// <summary>A log configuration the monitor cannot honour (unknown driver, an option it does not support).</summary>
public sealed class LogConfigException(string message) : Exception(message);

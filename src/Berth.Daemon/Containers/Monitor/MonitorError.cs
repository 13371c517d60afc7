using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Monitor;

/// <summary>berth-monitor refused or failed a request, or cannot be reached (500, with its message).</summary>
public sealed class MonitorError(string message) : BerthError(500, message);

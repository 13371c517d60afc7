namespace Berth.Monitor;

/// <summary>A request the monitor refuses or could not carry out; its message goes back to the client as is.</summary>
internal sealed class MonitorException(string message) : Exception(message);

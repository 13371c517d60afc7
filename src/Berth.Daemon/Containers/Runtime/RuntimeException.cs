using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Runtime;

/// <summary>The OCI runtime refused an operation; the message is its own, the status what dockerd would answer.</summary>
public sealed class RuntimeCallError(int statusCode, string message) : BerthError(statusCode, message);

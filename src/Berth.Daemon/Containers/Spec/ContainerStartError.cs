using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Spec;

/// <summary>The container cannot start as configured (an unknown user, a missing device): dockerd answers 500.</summary>
public sealed class ContainerStartError(string message) : BerthError(500, message);

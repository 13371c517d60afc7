namespace Berth.Build.Dockerfile;

/// <summary>A Dockerfile instruction Docker would refuse; the message is Docker's own wording.</summary>
public sealed class DockerfileException(string message) : Exception(message);

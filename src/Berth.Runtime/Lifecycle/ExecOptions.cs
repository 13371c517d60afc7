namespace Berth.Runtime.Lifecycle;

/// <summary>The options of `exec`: the process to run and how to attach to it.</summary>
internal sealed record ExecOptions(Oci.RuntimeSpec.Process Process)
{
    /// <summary>Return as soon as the process runs instead of waiting for it.</summary>
    public bool Detach { get; init; }
    /// <summary>Where to write the process's pid.</summary>
    public string? PidFile { get; init; }
    /// <summary>A unix socket to send the pty master to.</summary>
    public string? ConsoleSocket { get; init; }
    /// <summary>Descriptors after stdio the process keeps.</summary>
    public int PreserveFds { get; init; }
}

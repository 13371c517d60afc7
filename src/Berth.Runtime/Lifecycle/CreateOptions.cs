namespace Berth.Runtime.Lifecycle;

/// <summary>The options of `create` (and of the create half of `run`).</summary>
internal sealed record CreateOptions(string Id, string Bundle)
{
    /// <summary>Where to write the init's pid.</summary>
    public string? PidFile { get; init; }
    /// <summary>A unix socket to send the pty master to when the process has a terminal.</summary>
    public string? ConsoleSocket { get; init; }
    /// <summary>An already connected socket for the pty master (used by `run` to receive it itself).</summary>
    public int ConsoleSocketFd { get; init; } = -1;
    /// <summary>Use move + chroot instead of pivot_root (for ramdisk roots).</summary>
    public bool NoPivot { get; init; }
    /// <summary>Do not create a new session keyring.</summary>
    public bool NoNewKeyring { get; init; }
    /// <summary>Descriptors after stdio the container keeps.</summary>
    public int PreserveFds { get; init; }
    /// <summary>The bundle's spec and rootfs when the caller has loaded them already (`run` looks first).</summary>
    public (Oci.RuntimeSpec.Spec Spec, string Rootfs)? Loaded { get; init; }
    /// <summary>The init's descriptors 0-2 as child fd ← our fd (null: it inherits ours, as the runtime's CLI wants).</summary>
    public IReadOnlyList<(int ChildFd, int ParentFd)>? Stdio { get; init; }
    /// <summary>The berth-runtime executable the init runs (null: this one); a host running create in-process names it.</summary>
    public string? InitPath { get; init; }
    /// <summary>Inits of InitPath's binary, waiting in new namespaces, that create may hand the container to instead of
    /// spawning one.</summary>
    public StandbyInits? Standby { get; init; }
}

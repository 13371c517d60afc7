using Berth.Daemon.Containers.Runtime;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Spec;

/// <summary>The init that `--init` runs as the container's PID 1 (it reaps zombies and forwards signals): the host's
/// statically linked tini, as dockerd uses, bind-mounted read-only where dockerd mounts it.</summary>
public static class InitBinary
{
    /// <summary>The init's path inside the container.</summary>
    public const string ContainerPath = "/sbin/docker-init";

    /// <summary>docker-init (Debian docker.io) or tini-static (Debian tini); a 500 naming both when neither is there.</summary>
    public static string Find()
        // Only a static binary runs in every image, whatever its C library; Debian's plain "tini" is dynamic.
        => Executables.TryFind("docker-init") ?? Executables.TryFind("tini-static")
           ?? throw new ServerError("--init needs docker-init or tini-static on PATH (Debian packages docker.io or tini)");
}

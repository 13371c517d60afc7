using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Processes;

namespace Berth.Runtime.Bundle;

/// <summary>The checks a spec must pass before a container is created, each failing with one clear line.</summary>
internal static class SpecValidator
{
    /// <summary>Validates the spec; returns the absolute root filesystem path.</summary>
    internal static string Validate(Spec spec, string bundle)
    {
        if (spec.OciVersion is not { Length: > 0 } version || !version.StartsWith("1."))
            throw new RuntimeException($"unsupported ociVersion \"{spec.OciVersion}\" (berth-runtime implements 1.x)");
        if (spec.Root is not { Path.Length: > 0 } root) throw new RuntimeException("config.json: root.path is required");
        var rootfs = Path.GetFullPath(root.Path, bundle);
        if (!Directory.Exists(rootfs)) throw new RuntimeException($"rootfs ({rootfs}) does not exist");
        ValidateProcess(spec.Process, forExec: false);

        var seen = new HashSet<string>();
        foreach (var ns in spec.Linux?.Namespaces ?? [])
        {
            NamespaceTypes.FlagOf(ns.Type);
            if (!seen.Add(ns.Type)) throw new RuntimeException($"namespace \"{ns.Type}\" is listed more than once");
            if (ns.Path is { Length: > 0 } path && !File.Exists(path))
                throw new RuntimeException($"namespace \"{ns.Type}\": path {path} does not exist");
        }
        if (spec.Hostname is { Length: > 0 } && !NamespaceTypes.IsNew(spec, "uts"))
            throw new RuntimeException("unable to set hostname without a private UTS namespace");
        if (spec.Domainname is { Length: > 0 } && !NamespaceTypes.IsNew(spec, "uts"))
            throw new RuntimeException("unable to set domainname without a private UTS namespace");
        if (NamespaceTypes.Has(spec, "user"))
        {
            if (NamespaceTypes.IsNew(spec, "user") && (spec.Linux?.UidMappings is not { Count: > 0 } || spec.Linux.GidMappings is not { Count: > 0 }))
                throw new RuntimeException("user namespaces need uidMappings and gidMappings");
        }
        else if (spec.Linux?.UidMappings is { Count: > 0 } || spec.Linux?.GidMappings is { Count: > 0 })
            throw new RuntimeException("uidMappings and gidMappings need a user namespace");
        foreach (var mount in spec.Mounts ?? [])
        {
            if (mount.Destination is not { Length: > 0 }) throw new RuntimeException("a mount has no destination");
        }
        foreach (var (key, _) in spec.Linux?.Sysctl ?? [])
            ValidateSysctl(spec, key);
        return rootfs;
    }

    /// <summary>Checks the parts of a process every container and exec needs.</summary>
    internal static void ValidateProcess(Process? process, bool forExec)
    {
        if (process == null) throw new RuntimeException(forExec ? "process is required" : "config.json: process is required");
        if (process.Args is not { Count: > 0 } || process.Args[0].Length == 0) throw new RuntimeException("args must not be empty");
        if (!process.Cwd.StartsWith('/')) throw new RuntimeException($"cwd \"{process.Cwd}\" must be an absolute path");
        foreach (var env in process.Env ?? [])
            if (!env.Contains('=')) throw new RuntimeException($"env entry \"{env}\" is not of the form NAME=VALUE");
    }

    // A sysctl reaches the host unless the namespace it belongs to is the container's own.
    private static void ValidateSysctl(Spec spec, string key)
    {
        string[] ipc = ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];
        if (ipc.Contains(key) || key.StartsWith("fs.mqueue."))
        {
            if (!NamespaceTypes.IsNew(spec, "ipc")) throw new RuntimeException($"sysctl \"{key}\" is not allowed without a private IPC namespace");
        }
        else if (key.StartsWith("net."))
        {
            if (!NamespaceTypes.Has(spec, "network")) throw new RuntimeException($"sysctl \"{key}\" is not allowed in the host's network namespace");
        }
        else if (key is "kernel.hostname" or "kernel.domainname")
        {
            if (!NamespaceTypes.IsNew(spec, "uts")) throw new RuntimeException($"sysctl \"{key}\" is not allowed without a private UTS namespace");
        }
        else throw new RuntimeException($"sysctl \"{key}\" is not in a separate kernel namespace");
    }
}

using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Spec.Seccomp;
using Berth.Daemon.Errors;
using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Spec;

/// <summary>Builds the config.json a container runs with from its create request and image, following dockerd
/// 20.10's createSpec (daemon/oci_linux.go) rule by rule.</summary>
public sealed class RuntimeSpecBuilder(HostResources host, IHostDevices devices)
{
    private static readonly HashSet<string> UlimitNames =
        ["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"];

    /// <summary>The checks dockerd makes at create, before anything is stored; throws <see cref="BerthError"/>s, and
    /// answers the warnings for settings the host cannot honour (which are discarded from <paramref name="h"/>).</summary>
    public List<string> Validate(ContainerCreateConfig config, HostConfig h)
    {
        CapabilityTweaks.Validate(h.CapAdd, h.CapDrop);
        ResourceLimits.Validate(h, host);
        SecurityOptions.Parse(h.SecurityOpt);
        foreach (var u in h.Ulimits ?? [])
        {
            if (!UlimitNames.Contains(u.Name)) throw new BadRequestError($"invalid ulimit type: {u.Name}");
            if (u.Soft > u.Hard) throw new BadRequestError($"ulimit soft limit must be less than or equal to hard limit: {u.Soft} > {u.Hard}");
        }
        foreach (var (_, data) in h.Tmpfs ?? []) TmpfsOptions.Merge(data);
        if (h.Binds is { Count: > 0 } || h.Mounts is { Count: > 0 }) throw new NotImplementedError("bind mounts and volumes are not supported yet");
        if (h.NetworkMode is { } mode && mode.StartsWith("container:", StringComparison.Ordinal))
            throw new NotImplementedError("joining another container's network namespace is not supported yet");
        if (!string.IsNullOrEmpty(config.WorkingDir) && !config.WorkingDir.StartsWith('/'))
            throw new BadRequestError($"the working directory '{config.WorkingDir}' is invalid, it needs to be an absolute path");
        return ResourceLimits.DiscardUnsupported(h, host);
    }

    /// <summary>The spec; merges the image's defaults into <see cref="SpecRequest.Config"/> on the way.</summary>
    public Oci.RuntimeSpec.Spec Build(SpecRequest request)
    {
        var (config, h) = (request.Config, request.Host);
        Validate(config, h);
        ConfigMerge.Apply(config, request.Image?.Config);
        if (string.IsNullOrEmpty(config.Hostname)) config.Hostname = request.ContainerId[..Math.Min(12, request.ContainerId.Length)];
        var security = SecurityOptions.Parse(h.SecurityOpt);
        var caps = CapabilityTweaks.Apply(h.CapAdd, h.CapDrop, h.Privileged);

        var user = UserLookup.Resolve(request.RootfsPath, config.User, h.GroupAdd);
        var process = new Process
        {
            Terminal = config.Tty,
            User = user,
            Args = h.Init == true
                ? [InitBinary.ContainerPath, "--", .. config.Entrypoint ?? [], .. config.Cmd ?? []]
                : [.. config.Entrypoint ?? [], .. config.Cmd ?? []],
            Env = ConfigMerge.ProcessEnv(config.Env, config.Hostname, config.Tty),
            Cwd = string.IsNullOrEmpty(config.WorkingDir) ? "/" : config.WorkingDir,
            // Like execve(2) for a non-root user, a non-root process starts with empty effective and permitted sets.
            Capabilities = user.Uid == 0 ? new Capabilities { Bounding = caps, Effective = [.. caps], Permitted = [.. caps] } : new Capabilities { Bounding = caps },
            Rlimits = h.Ulimits is { Count: > 0 } u
                ? u.Select(l => new Rlimit { Type = "RLIMIT_" + l.Name.ToUpperInvariant(), Soft = (ulong)l.Soft, Hard = (ulong)l.Hard }).ToList()
                : null,
            NoNewPrivileges = security.NoNewPrivileges,
            ApparmorProfile = security.AppArmor is { } a && a != "unconfined" ? a : null,
            OomScoreAdj = h.OomScoreAdj,
        };

        var resources = ResourceLimits.Build(h);
        var linux = new Linux
        {
            Namespaces = SpecDefaults.Namespaces(),
            Sysctl = Sysctls(config, h),
            Resources = resources,
            CgroupsPath = (string.IsNullOrEmpty(h.CgroupParent) ? request.CgroupParent : h.CgroupParent).TrimEnd('/') + "/" + request.ContainerId,
            MaskedPaths = h.Privileged ? null : h.MaskedPaths ?? [.. SpecDefaults.MaskedPaths],
            ReadonlyPaths = h.Privileged ? null : h.ReadonlyPaths ?? [.. SpecDefaults.ReadonlyPaths],
            Seccomp = ContainerSeccomp.For(security.Seccomp, h.Privileged, caps, SeccompPlatform.Current),
        };
        if (h.NetworkMode == "host") linux.Namespaces.RemoveAll(n => n.Type == "network");
        (linux.Devices, resources.Devices) = Devices(h);

        return new Oci.RuntimeSpec.Spec
        {
            Process = process,
            Root = new Root { Path = request.RootfsPath, Readonly = h.ReadonlyRootfs },
            Hostname = config.Hostname,
            Mounts = Mounts(h, h.Init == true ? request.InitPath ?? InitBinary.Find() : null),
            Linux = linux,
        };
    }

    private static Dictionary<string, string>? Sysctls(ContainerCreateConfig config, HostConfig h)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        // No spec field carries the NIS domain name, but the kernel.domainname sysctl sets it just the same.
        if (!string.IsNullOrEmpty(config.Domainname)) map["kernel.domainname"] = config.Domainname;
        foreach (var (k, v) in h.Sysctls ?? []) map[k] = v;
        // dockerd opens unprivileged ports and ICMP sockets to everyone in a network namespace of the container's own.
        if (h.NetworkMode != "host")
        {
            map.TryAdd("net.ipv4.ip_unprivileged_port_start", "0");
            map.TryAdd("net.ipv4.ping_group_range", "0 2147483647");
        }
        return map.Count > 0 ? map : null;
    }

    private static List<Mount> Mounts(HostConfig h, string? initPath)
    {
        var user = (h.Tmpfs ?? []).Select(t => new Mount { Destination = t.Key, Type = "tmpfs", Source = "tmpfs", Options = TmpfsOptions.Merge(t.Value) })
            .OrderBy(m => m.Destination.Split('/', StringSplitOptions.RemoveEmptyEntries).Length)
            .ThenBy(m => m.Destination, StringComparer.Ordinal)
            .ToList();
        var taken = user.Select(m => m.Destination.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var mounts = SpecDefaults.Mounts(h.ShmSize > 0 ? h.ShmSize : SpecDefaults.ShmSize).Where(m => !taken.Contains(m.Destination)).ToList();
        if (h.Privileged)
            foreach (var m in mounts.Where(m => m.Destination == "/sys" || m.Type == "cgroup")) m.Options!.Remove("ro");
        if (initPath != null)
            mounts.Add(new Mount { Destination = InitBinary.ContainerPath, Type = "bind", Source = initPath, Options = ["bind", "ro"] });
        return [.. mounts, .. user];
    }

    private (List<LinuxDevice>? Nodes, List<LinuxDeviceCgroup> Rules) Devices(HostConfig h)
    {
        var nodes = new List<LinuxDevice>();
        if (h.Privileged)
        {
            nodes.AddRange(devices.All());
            // A device mapped onto its own path is already there; dockerd ignores the permissions given in privileged mode.
            foreach (var d in (h.Devices ?? []).Where(d => d.PathOnHost != d.PathInContainer))
                nodes.AddRange(devices.FromPath(d.PathOnHost, ContainerPath(d)));
            return (nodes, [new LinuxDeviceCgroup { Allow = true, Access = "rwm" }]);
        }
        var rules = SpecDefaults.DeviceRules();
        foreach (var d in h.Devices ?? [])
            foreach (var node in devices.FromPath(d.PathOnHost, ContainerPath(d)))
            {
                nodes.Add(node);
                rules.Add(new LinuxDeviceCgroup { Allow = true, Type = node.Type, Major = node.Major, Minor = node.Minor, Access = d.CgroupPermissions });
            }
        return (nodes.Count > 0 ? nodes : null, rules);
    }

    private static string ContainerPath(DeviceMapping d) => string.IsNullOrEmpty(d.PathInContainer) ? d.PathOnHost : d.PathInContainer;
}

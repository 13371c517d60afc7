using System.Text.Json;
using Berth.Oci.RuntimeSpec;

namespace Berth.IntegrationTests.Support;

/// <summary>An OCI bundle in a temp folder: a copy of Alpine as rootfs and a Docker-like config.json.</summary>
internal sealed class TestBundle : IDisposable
{
    /// <summary>The bundle folder.</summary>
    internal string Dir { get; }

    /// <summary>The spec written to config.json by <see cref="Write"/>.</summary>
    internal Spec Spec { get; }

    /// <summary>The container id the bundle is meant for (also names its cgroup).</summary>
    internal string Id { get; }

    internal TestBundle(params string[] args)
    {
        Id = "t" + Guid.NewGuid().ToString("N")[..12];
        Dir = Path.Combine(Path.GetTempPath(), "berth-bundle-" + Id);
        AlpineRootfs.CopyTo(Path.Combine(Dir, "rootfs"));
        Spec = BaseSpec(Id, args);
        Write();
    }

    /// <summary>The capabilities Docker gives a container by default.</summary>
    internal static readonly string[] DockerCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>The cgroup path the container is placed in.</summary>
    internal string CgroupPath => $"/berth-test/{Id}";

    private static Spec BaseSpec(string id, string[] args) => new()
    {
        Process = new Process
        {
            Args = [.. args],
            Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            Cwd = "/",
            Capabilities = new Capabilities
            {
                Bounding = [.. DockerCapabilities], Effective = [.. DockerCapabilities], Permitted = [.. DockerCapabilities],
            },
            Rlimits = [new Rlimit { Type = "RLIMIT_NOFILE", Hard = 4096, Soft = 1024 }],
        },
        Root = new Root { Path = "rootfs" },
        Hostname = "berth-" + id[..6],
        Mounts =
        [
            new Mount { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] },
            new Mount { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] },
            new Mount { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] },
            new Mount { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = ["nosuid", "noexec", "nodev", "ro"] },
            new Mount { Destination = "/sys/fs/cgroup", Type = "cgroup", Source = "cgroup", Options = ["ro", "nosuid", "noexec", "nodev"] },
            new Mount { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] },
            new Mount { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] },
        ],
        Linux = new Linux
        {
            CgroupsPath = $"/berth-test/{id}",
            Namespaces = [new() { Type = "pid" }, new() { Type = "network" }, new() { Type = "ipc" }, new() { Type = "uts" }, new() { Type = "mount" }],
            MaskedPaths = ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware", "/proc/scsi"],
            ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
        },
    };

    /// <summary>Writes the current spec to config.json.</summary>
    internal void Write()
        => File.WriteAllText(Path.Combine(Dir, "config.json"), JsonSerializer.Serialize(Spec, OciJsonContext.Default.Spec));

    /// <summary>Replaces config.json with raw text (for malformed-input tests).</summary>
    internal void WriteRaw(string text) => File.WriteAllText(Path.Combine(Dir, "config.json"), text);

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

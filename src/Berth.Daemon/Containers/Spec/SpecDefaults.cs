using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Spec;

/// <summary>What dockerd 20.10's default Linux spec (oci.DefaultLinuxSpec) gives every container before its options apply.</summary>
internal static class SpecDefaults
{
    /// <summary>Docker's 14 default capabilities, in its order.</summary>
    public static readonly IReadOnlyList<string> Capabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    public static readonly IReadOnlyList<string> MaskedPaths =
    [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
    ];

    public static readonly IReadOnlyList<string> ReadonlyPaths =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <summary>The PATH a container gets unless its config sets one.</summary>
    public const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>dockerd's default /dev/shm size: 64 MiB.</summary>
    public const long ShmSize = 64L * 1024 * 1024;

    /// <summary>The mounts of a fresh container; /dev/shm takes the container's ShmSize.</summary>
    public static List<Mount> Mounts(long shmSize) =>
    [
        M("/proc", "proc", "proc", "nosuid", "noexec", "nodev"),
        M("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
        M("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
        M("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
        M("/sys/fs/cgroup", "cgroup", "cgroup", "ro", "nosuid", "noexec", "nodev"),
        M("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
        M("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=" + shmSize),
    ];

    /// <summary>The device-cgroup rules of an unprivileged container: deny all, then the six basic character devices;
    /// /dev/net/tun stays denied.</summary>
    public static List<LinuxDeviceCgroup> DeviceRules() =>
    [
        new() { Allow = false, Access = "rwm" },
        Rule(true, 1, 5), Rule(true, 1, 3), Rule(true, 1, 9), Rule(true, 1, 8), Rule(true, 5, 0), Rule(true, 5, 1),
        Rule(false, 10, 229),
    ];

    /// <summary>The namespaces every container gets its own of, in dockerd's order.</summary>
    public static List<LinuxNamespace> Namespaces() =>
        [new() { Type = "mount" }, new() { Type = "network" }, new() { Type = "uts" }, new() { Type = "pid" }, new() { Type = "ipc" }];

    private static Mount M(string destination, string type, string source, params string[] options)
        => new() { Destination = destination, Type = type, Source = source, Options = [.. options] };

    private static LinuxDeviceCgroup Rule(bool allow, long major, long minor)
        => new() { Allow = allow, Type = "c", Major = major, Minor = minor, Access = "rwm" };
}

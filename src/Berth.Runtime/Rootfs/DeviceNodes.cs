using Berth.Oci.RuntimeSpec;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Rootfs;

/// <summary>Populates the container's /dev: the spec's devices, the runtime spec's default devices, and the
/// standard symlinks.</summary>
internal static class DeviceNodes
{
    /// <summary>The devices every container gets (OCI runtime spec, "Default Devices").</summary>
    internal static readonly LinuxDevice[] Defaults =
    [
        Char("/dev/null", 1, 3), Char("/dev/zero", 1, 5), Char("/dev/full", 1, 7),
        Char("/dev/random", 1, 8), Char("/dev/urandom", 1, 9), Char("/dev/tty", 5, 0),
    ];

    private static LinuxDevice Char(string path, long major, long minor)
        => new() { Type = "c", Path = path, Major = major, Minor = minor, FileMode = 0x1b6 /* 0666 */, Uid = 0, Gid = 0 };

    /// <summary>Creates every device node; bindFromHost when mknod is not allowed (user namespaces).</summary>
    internal static void Create(IEnumerable<LinuxDevice>? specDevices, string rootfs, bool bindFromHost)
    {
        var all = new Dictionary<string, LinuxDevice>();
        foreach (var d in Defaults) all[d.Path] = d;
        foreach (var d in specDevices ?? []) all[d.Path] = d;
        foreach (var device in all.Values) CreateOne(device, rootfs, bindFromHost);
    }

    private static void CreateOne(LinuxDevice device, string rootfs, bool bindFromHost)
    {
        var target = SecurePath.Resolve(rootfs, device.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (bindFromHost)
        {
            SpecMounts.CreateFile(target);
            Check(mount(device.Path, target, null, MS_BIND, null), $"bind device {device.Path}");
            return;
        }
        var kind = device.Type switch
        {
            "c" or "u" => S_IFCHR,
            "b" => S_IFBLK,
            "p" => S_IFIFO,
            _ => throw new RuntimeException($"device {device.Path}: unknown type \"{device.Type}\""),
        };
        if (Path.Exists(target) || new FileInfo(target).LinkTarget != null) File.Delete(target);
        var mode = device.FileMode ?? 0x1b6;
        Check(mknod(target, kind | (mode & 0xfff), MakeDev(device.Major, device.Minor)), $"mknod {device.Path}");
        Check(chmod(target, mode & 0xfff), $"chmod {device.Path}");
        Check(lchown(target, device.Uid ?? 0, device.Gid ?? 0), $"chown {device.Path}");
    }

    /// <summary>/dev/fd, stdin, stdout, stderr, core, and /dev/ptmx pointing into the container's devpts.</summary>
    internal static void CreateSymlinks(string rootfs, bool hasDevpts)
    {
        var links = new List<(string Link, string Target)>
        {
            ("/dev/fd", "/proc/self/fd"), ("/dev/stdin", "/proc/self/fd/0"),
            ("/dev/stdout", "/proc/self/fd/1"), ("/dev/stderr", "/proc/self/fd/2"),
        };
        if (File.Exists("/proc/kcore")) links.Add(("/dev/core", "/proc/kcore"));
        if (hasDevpts) links.Add(("/dev/ptmx", "pts/ptmx"));
        foreach (var (link, target) in links)
        {
            var path = SecurePath.Resolve(rootfs, link);
            if (link == "/dev/ptmx" && (Path.Exists(path) || new FileInfo(path).LinkTarget != null)) File.Delete(path);
            if (Path.Exists(path) || new FileInfo(path).LinkTarget != null) continue;
            File.CreateSymbolicLink(path, target);
        }
    }
}

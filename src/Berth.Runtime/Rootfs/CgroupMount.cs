using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Rootfs;

/// <summary>Gives the container a /sys/fs/cgroup that shows its own cgroups as the roots of their hierarchies.
/// Read from /proc/self before the init unshares its cgroup namespace, while the host paths are still visible.</summary>
internal sealed class CgroupMount
{
    private readonly List<(string Name, string HostDir, bool V2)> _hierarchies = [];
    private readonly bool _newNamespace;

    private CgroupMount(bool newNamespace) => _newNamespace = newNamespace;

    /// <summary>Captures the process's cgroup directories in every hierarchy mounted on the host.</summary>
    internal static CgroupMount Capture(bool newNamespace)
    {
        var result = new CgroupMount(newNamespace);
        var membership = new Dictionary<string, string>();
        foreach (var line in File.ReadLines("/proc/self/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length == 3) membership[parts[1]] = parts[2];
        }
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var (mountPoint, root, fsType, superOptions) = ParseMountInfo(line);
            if (fsType == "cgroup2" && membership.TryGetValue("", out var unified))
                result._hierarchies.Add((Path.GetFileName(mountPoint), Path.Join(mountPoint, Relative(unified, root)), true));
            else if (fsType == "cgroup")
            {
                var key = superOptions.Split(',').Where(o => o is not ("rw" or "ro") && !o.StartsWith("clone_children"))
                    .ToList();
                var match = membership.FirstOrDefault(m => m.Key.Length > 0 &&
                    m.Key.Split(',').OrderBy(x => x).SequenceEqual(key.OrderBy(x => x)));
                if (match.Key != null)
                    result._hierarchies.Add((Path.GetFileName(mountPoint), Path.Join(mountPoint, Relative(match.Value, root)), false));
            }
        }
        // On a hybrid host the v1 hierarchies carry the controllers; runc shows the container only those.
        if (result._hierarchies.Any(h => !h.V2)) result._hierarchies.RemoveAll(h => h.V2);
        return result;
    }

    /// <summary>Mounts the hierarchies under target (a tmpfs holding one bind per hierarchy, or cgroup2).</summary>
    internal void MountAt(string target, MountOptions options)
    {
        const ulong safe = MS_NOSUID | MS_NODEV | MS_NOEXEC;
        var readOnly = (options.Flags & MS_RDONLY) != 0 ? MS_RDONLY : 0;
        if (_hierarchies.Count == 1 && _hierarchies[0].V2)
        {
            // A pure cgroup v2 host: the container's own namespace makes a fresh mount show its cgroup as root.
            if (_newNamespace) Check(mount("cgroup2", target, "cgroup2", safe | readOnly, null), "mount cgroup2");
            else BindHierarchy(_hierarchies[0].HostDir, target, safe | readOnly);
            return;
        }
        Check(mount("tmpfs", target, "tmpfs", safe, "mode=755"), "mount cgroup tmpfs");
        foreach (var (name, hostDir, _) in _hierarchies)
        {
            if (!Directory.Exists(hostDir)) continue;
            var dir = Path.Join(target, name);
            Directory.CreateDirectory(dir);
            BindHierarchy(hostDir, dir, safe | readOnly);
            // Co-mounted controllers ("cpu,cpuacct") are also reachable by each controller's own name.
            if (name.Contains(','))
                foreach (var single in name.Split(','))
                    if (!Path.Exists(Path.Join(target, single))) File.CreateSymbolicLink(Path.Join(target, single), name);
        }
        if (readOnly != 0) Check(mount(null, target, null, MS_REMOUNT | safe | MS_RDONLY, "mode=755"), "remount cgroup tmpfs");
    }

    private static void BindHierarchy(string hostDir, string target, ulong flags)
    {
        Check(mount(hostDir, target, null, MS_BIND | MS_REC, null), $"bind {hostDir}");
        Check(mount(null, target, null, MS_BIND | MS_REMOUNT | flags, null), $"remount {target}");
    }

    private static string Relative(string cgroupPath, string mountRoot)
    {
        if (mountRoot != "/" && cgroupPath.StartsWith(mountRoot)) cgroupPath = cgroupPath[mountRoot.Length..];
        return cgroupPath.TrimStart('/');
    }

    /// <summary>Mount point, root, filesystem type and super options of one /proc/self/mountinfo line.</summary>
    internal static (string MountPoint, string Root, string FsType, string SuperOptions) ParseMountInfo(string line)
    {
        var fields = line.Split(' ');
        var dash = Array.IndexOf(fields, "-");
        return (Unescape(fields[4]), Unescape(fields[3]), fields[dash + 1], fields.Length > dash + 3 ? fields[dash + 3] : "");
    }

    private static string Unescape(string s) => s.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}

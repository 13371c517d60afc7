using Berth.Oci.RuntimeSpec;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Rootfs;

/// <summary>Performs the spec's mounts inside the (not yet pivoted) root filesystem.</summary>
internal static class SpecMounts
{
    /// <summary>Mounts one entry of spec.mounts under rootfs; relative bind sources are taken from the bundle.</summary>
    internal static void Mount(Mount mount, string rootfs, string bundle, CgroupMount cgroups)
    {
        var destination = mount.Destination.StartsWith('/') ? mount.Destination : "/" + mount.Destination;
        var target = SecurePath.Resolve(rootfs, destination);
        var options = MountOptions.Parse(mount.Options, mount.Type);
        if (mount.Type == "cgroup" || mount.Type == "cgroup2")
        {
            Directory.CreateDirectory(target);
            cgroups.MountAt(target, options);
            return;
        }
        try
        {
            if (options.Bind) Bind(mount, target, bundle, options);
            else Filesystem(mount, target, options);
            if (options.Propagation != 0)
                Check(Interop.Libc.mount(null, target, null, options.Propagation, null), "set propagation");
        }
        catch (RuntimeException e)
        {
            throw new RuntimeException($"mount {mount.Source ?? mount.Type} to {destination}: {StripPrefix(e.Message)}");
        }
    }

    private static void Bind(Mount mount, string target, string bundle, MountOptions options)
    {
        var source = mount.Source ?? throw new RuntimeException("a bind mount needs a source");
        if (!source.StartsWith('/')) source = Path.Combine(bundle, source);
        if (Directory.Exists(source)) Directory.CreateDirectory(target);
        else if (File.Exists(source) || new FileInfo(source).LinkTarget != null) CreateFile(target);
        else throw new RuntimeException($"source {source} does not exist");
        Check(Interop.Libc.mount(source, target, null, MS_BIND | (options.Recursive ? MS_REC : 0), null), "bind");
        // Bind mounts take no flags on creation; they apply on a remount that keeps what the source had.
        var wanted = options.Flags & ~(MS_REMOUNT | MS_BIND | MS_REC);
        if (wanted != 0 || options.ClearedFlags != 0)
        {
            var flags = (MountFlagsOf(target) | wanted) & ~options.ClearedFlags;
            Check(Interop.Libc.mount(null, target, null, MS_BIND | MS_REMOUNT | flags, null), "remount");
        }
    }

    private static void Filesystem(Mount mount, string target, MountOptions options)
    {
        if (mount.Type is null or "" or "none")
            throw new RuntimeException("a filesystem mount needs a type");
        Directory.CreateDirectory(target);
        if (options.TmpCopyUp)
        {
            TmpCopyUp(mount, target, options);
            return;
        }
        var rc = Interop.Libc.mount(mount.Source ?? mount.Type, target, mount.Type, options.Flags, NullIfEmpty(options.Data));
        // sysfs cannot be mounted without a private network namespace; the host's /sys bound read-only
        // is what runc falls back to as well.
        if (rc != 0 && mount.Type == "sysfs" && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == EPERM)
        {
            Check(Interop.Libc.mount("/sys", target, null, MS_BIND | MS_REC, null), "bind /sys");
            Check(Interop.Libc.mount(null, target, null, MS_BIND | MS_REMOUNT | MS_RDONLY | MountFlagsOf(target), null), "remount /sys");
            return;
        }
        Check(rc, "mount");
    }

    /// <summary>A tmpfs that starts with a copy of what the image had at that place (runc's tmpcopyup).</summary>
    private static void TmpCopyUp(Mount mount, string target, MountOptions options)
    {
        var staging = Directory.CreateTempSubdirectory("berth-copyup").FullName;
        try
        {
            Check(Interop.Libc.mount(mount.Source ?? "tmpfs", staging, mount.Type, options.Flags, NullIfEmpty(options.Data)), "mount");
            TreeCopy.Copy(target, staging);
            Check(Interop.Libc.mount(staging, target, null, MS_MOVE, null), "move");
        }
        finally { Directory.Delete(staging); }
    }

    /// <summary>Creates an empty regular file (and its parents) to bind a file onto.</summary>
    internal static void CreateFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path)) File.Create(path).Dispose();
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string StripPrefix(string message) => message.StartsWith("mount: ") ? message[7..] : message;
}

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>A container's init layer, as dockerd makes one: the mount points the runtime needs (/proc, /sys, /dev/…,
/// the three /etc files berthd binds over), present below the writable layer so that creating them is not a change
/// `diff` or `commit` would see.</summary>
public static class InitLayer
{
    private static readonly string[] Directories = ["dev", "dev/pts", "dev/shm", "proc", "sys", "etc"];
    private static readonly string[] Files = ["dev/console", "etc/hostname", "etc/hosts", "etc/resolv.conf", ".dockerenv"];

    /// <summary>Fills dir (created when missing) with the layer's entries.</summary>
    public static void Create(string dir)
    {
        foreach (var d in Directories) Directory.CreateDirectory(Path.Combine(dir, d));
        foreach (var f in Files) File.WriteAllBytes(Path.Combine(dir, f), []);
        File.CreateSymbolicLink(Path.Combine(dir, "etc", "mtab"), "/proc/mounts");
    }
}

using System.Runtime.InteropServices;

namespace Berth.Daemon.Machine;

/// <summary>The storage driver berthd will use: overlay2 when an overlay mount really works under the data root, else vfs.</summary>
public sealed record StorageDriver(string Name, string BackingFilesystem, string? Reason)
{
    /// <summary>Mounts a throw-away overlay in tmp/ of the data root: the only reliable test (overlay on overlay, or in
    /// some containers, fails although the kernel lists the filesystem).</summary>
    public static StorageDriver Probe(string dataRoot)
    {
        var backing = BackingFilesystemOf(dataRoot);
        var dir = Path.Combine(dataRoot, "tmp", "overlay-probe-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            foreach (var sub in new[] { "lower", "upper", "work", "merged" }) Directory.CreateDirectory(Path.Combine(dir, sub));
            var options = $"lowerdir={dir}/lower,upperdir={dir}/upper,workdir={dir}/work";
            if (LibC.mount("overlay", Path.Combine(dir, "merged"), "overlay", 0, options) != 0)
                return new StorageDriver("vfs", backing, $"overlay mount failed: {Marshal.GetLastPInvokeErrorMessage()}");
            LibC.umount2(Path.Combine(dir, "merged"), LibC.MntDetach);
            return new StorageDriver("overlay2", backing, null);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>/info's DriverStatus pairs.</summary>
    public List<string[]> Status() => [["Backing Filesystem", BackingFilesystem]];

    private static string BackingFilesystemOf(string path)
    {
        // The longest mount point that contains the path is the one the data lives on.
        var best = ("", "unknown");
        try
        {
            foreach (var line in File.ReadLines("/proc/self/mounts"))
            {
                var f = line.Split(' ');
                if (f.Length < 3) continue;
                var mountPoint = f[1].Replace("\\040", " ");
                var inside = path == mountPoint || path.StartsWith(mountPoint.TrimEnd('/') + "/", StringComparison.Ordinal);
                if (inside && mountPoint.Length >= best.Item1.Length) best = (mountPoint, f[2]);
            }
        }
        catch (IOException) { }
        return best.Item2 == "ext4" || best.Item2 == "ext3" || best.Item2 == "ext2" ? "extfs" : best.Item2;
    }
}

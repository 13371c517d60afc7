using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Rootfs;

/// <summary>Hides (maskedPaths) and freezes (readonlyPaths) parts of /proc and /sys inside the pivoted root.</summary>
internal static class PathMasks
{
    /// <summary>Covers each existing path: an empty read-only tmpfs over a directory, /dev/null over a file.</summary>
    internal static void Mask(IEnumerable<string>? paths)
    {
        foreach (var path in paths ?? [])
        {
            if (Directory.Exists(path))
                Check(mount("tmpfs", path, "tmpfs", MS_RDONLY, null), $"mask {path}");
            else if (File.Exists(path))
                Check(mount("/dev/null", path, null, MS_BIND, null), $"mask {path}");
        }
    }

    /// <summary>Makes each existing path read-only by binding it onto itself and remounting.</summary>
    internal static void MakeReadOnly(IEnumerable<string>? paths)
    {
        foreach (var path in paths ?? [])
        {
            if (!Path.Exists(path)) continue;
            Check(mount(path, path, null, MS_BIND | MS_REC, null), $"bind {path}");
            Check(mount(null, path, null, MS_BIND | MS_REMOUNT | MS_RDONLY | MountFlagsOf(path), null), $"remount {path} read-only");
        }
    }
}

using System.Security.Cryptography;
using Berth.Storage.Interop;

namespace Berth.Storage.Snapshots;

/// <summary>Whether overlayfs works on the data root: some filesystems (overlayfs itself, some network ones) cannot
/// hold an upper dir, and some kernels lack the module, so the daemon probes once and falls back to copying.</summary>
public static class OverlaySupport
{
    /// <summary>Mounts a tiny overlay under root/tmp, writes through it, and reports whether that worked.</summary>
    public static bool IsAvailable(string root)
    {
        var probe = Path.Combine(Path.GetFullPath(root), "tmp", "overlay-probe-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var merged = Path.Combine(probe, "merged");
        var mounted = false;
        try
        {
            foreach (var sub in new[] { "lower", "upper", "work", "merged" }) Directory.CreateDirectory(Path.Combine(probe, sub));
            File.WriteAllText(Path.Combine(probe, "lower", "probe"), "lower");
            var options = $"lowerdir={probe}/lower,upperdir={probe}/upper,workdir={probe}/work";
            if (Libc.mount("overlay", merged, "overlay", 0, options) != 0) return false;
            mounted = true;
            File.WriteAllText(Path.Combine(merged, "probe"), "upper");
            File.Delete(Path.Combine(merged, "probe"));
            return Fs.Lstat(Path.Combine(probe, "upper", "probe")) is { IsWhiteout: true };
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        finally
        {
            if (mounted) Libc.umount2(merged, Libc.MNT_DETACH);
            try { Fs.RemoveAll(probe); } catch (IOException) { }
        }
    }
}

using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Rootfs;

/// <summary>Makes the prepared root filesystem the process's root: pivot_root, or a move and chroot with --no-pivot.</summary>
internal static class RootSwitch
{
    /// <summary>Keeps host mount events out of the container and makes rootfs a mount point of its own.</summary>
    internal static void Prepare(string rootfs, string? rootfsPropagation)
    {
        var propagation = rootfsPropagation is { Length: > 0 } p ? MountOptions.ParsePropagation(p) : MS_SLAVE | MS_REC;
        // pivot_root refuses a shared new root, so the tree starts slave (or private) and is made shared after.
        var initial = (propagation & MS_SHARED) != 0 ? MS_PRIVATE | MS_REC : propagation;
        Check(mount(null, "/", null, initial, null), "set root propagation");
        Check(mount(rootfs, rootfs, null, MS_BIND | MS_REC, null), $"bind rootfs {rootfs}");
    }

    /// <summary>Switches the root to rootfs and drops the old root from the namespace.</summary>
    internal static void Switch(string rootfs, bool noPivot)
    {
        Check(chdir(rootfs), $"chdir {rootfs}");
        if (noPivot)
        {
            Check(mount(rootfs, "/", null, MS_MOVE, null), "move rootfs to /");
            Check(chroot("."), "chroot");
        }
        else
        {
            // pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves only the new.
            Check(PivotRoot(".", "."), "pivot_root");
            Check(mount(null, ".", null, MS_SLAVE | MS_REC, null), "make old root slave");
            Check(umount2(".", MNT_DETACH), "unmount old root");
        }
        Check(chdir("/"), "chdir /");
    }

    /// <summary>Applies a shared rootfsPropagation once the root is in place.</summary>
    internal static void ApplyFinalPropagation(string? rootfsPropagation)
    {
        if (rootfsPropagation is not { Length: > 0 } p) return;
        var propagation = MountOptions.ParsePropagation(p);
        if ((propagation & MS_SHARED) != 0) Check(mount(null, "/", null, propagation, null), "set root propagation");
    }

    /// <summary>Remounts the root read-only, keeping its other flags.</summary>
    internal static void MakeReadOnly()
        => Check(mount(null, "/", null, MS_BIND | MS_REMOUNT | MS_RDONLY | MountFlagsOf("/"), null), "remount / read-only");
}

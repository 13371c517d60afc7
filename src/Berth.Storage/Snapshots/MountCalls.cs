using Berth.Storage.Interop;

namespace Berth.Storage.Snapshots;

/// <summary>mount(2) and umount2(2) with errors that name the snapshot.</summary>
internal static class MountCalls
{
    private const int EINVAL = 22;

    internal static void Mount(string key, string source, string target, string? type, ulong flags, string? data)
    {
        if (Libc.mount(source, target, type, flags, data) != 0)
            throw new SnapshotException(500, $"mount snapshot {key} on {target}: {Libc.ErrorText(Libc.Errno)}");
    }

    /// <summary>Unmounts target; a path that is not a mount point (EINVAL) is already unmounted.</summary>
    internal static void Unmount(string target)
    {
        if (Libc.umount2(target, 0) == 0) return;
        var errno = Libc.Errno;
        if (errno is EINVAL or Libc.ENOENT) return;
        throw new SnapshotException(500, $"unmount {target}: {Libc.ErrorText(errno)}");
    }
}

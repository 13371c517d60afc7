using System.Globalization;
using static Berth.Runtime.Interop.Libc.Cgroupfs;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>Operations over a cgroup and its descendants: creation along a path, removal, the processes inside.</summary>
internal static class CgroupTree
{
    /// <summary>
    /// Creates each missing directory from the mount point down to the target, calling onEachLevel for every level;
    /// appends the ones it created (top first) to `created` as it goes, so a caller can undo them after a failure.
    /// </summary>
    public static void CreatePath(CgroupFiles files, string mountPoint, string target, List<string> created, Action<string>? onEachLevel = null)
    {
        string current = mountPoint;
        foreach (var part in Path.GetRelativePath(mountPoint, target).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            current = Path.Combine(current, part);
            if (files.CreateDirectory(current))
                created.Add(current);
            onEachLevel?.Invoke(current);
        }
    }

    /// <summary>
    /// Removes the directory and its child cgroups, deepest first. A cgroup stays busy for a moment after its
    /// last process exits, so EBUSY is retried briefly; a missing directory is fine.
    /// </summary>
    public static void Remove(CgroupFiles files, string directory)
    {
        // Almost always a leaf: one rmdir, without listing it first (this runs on every container's exit).
        int errno = files.RemoveDirectory(directory);
        if (errno is 0 or ENOENT) return;
        // cgroupfs answers EBUSY for a cgroup with children (a plain directory, as in tests, ENOTEMPTY).
        if (errno is not (EBUSY or ENOTEMPTY)) throw CgroupFiles.Failure($"remove cgroup {directory}", errno);
        foreach (var child in files.ChildDirectories(directory))
            Remove(files, Path.Combine(directory, child));

        var delay = TimeSpan.FromMilliseconds(5);
        for (int attempt = 0; ; attempt++)
        {
            errno = files.RemoveDirectory(directory);
            if (errno is 0 or ENOENT) return;
            if (errno != EBUSY || attempt == 8)
                throw CgroupFiles.Failure($"remove cgroup {directory}", errno);
            Thread.Sleep(delay);
            delay *= 2;
        }
    }

    /// <summary>The processes in the cgroup and all its descendants.</summary>
    public static List<int> Processes(CgroupFiles files, string directory)
    {
        var pids = new List<int>();
        Collect(files, directory, pids);
        return pids;
    }

    private static void Collect(CgroupFiles files, string directory, List<int> pids)
    {
        string text;
        try
        {
            text = files.Read(Path.Combine(directory, "cgroup.procs"));
        }
        catch (CgroupFileException e) when (e.Errno == ENOENT)
        {
            return; // removed while we walked the tree
        }
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            pids.Add(int.Parse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture));
        foreach (var child in files.ChildDirectories(directory))
            Collect(files, Path.Combine(directory, child), pids);
    }
}

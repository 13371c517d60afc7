namespace Berth.Runtime.Cgroups;

/// <summary>
/// Turns the spec's linux.cgroupsPath into a cgroup path within one hierarchy, as runc's cgroupfs driver does:
/// an absolute path ("/docker/abc") is taken from the hierarchy's root; a relative one ("foo/bar") from the
/// cgroup this process is in; an empty one means the container ID under this process's cgroup.
/// </summary>
internal static class CgroupPath
{
    /// <summary>Resolves the path against this process's cgroup in one hierarchy (ownPath, e.g. "/user.slice").</summary>
    public static string Resolve(string? cgroupsPath, string containerId, string ownPath)
    {
        if (string.IsNullOrEmpty(cgroupsPath))
        {
            if (containerId.Length == 0 || containerId.Contains('/') || containerId is "." or "..")
                throw new RuntimeException($"cannot name a cgroup after container ID \"{containerId}\"");
            return Clean(ownPath + "/" + containerId);
        }
        if (IsSystemdStyle(cgroupsPath))
            throw new RuntimeException("systemd cgroup driver is not supported; use cgroupfs");
        return cgroupsPath.StartsWith('/') ? Clean(cgroupsPath) : Clean(ownPath + "/" + cgroupsPath);
    }

    /// <summary>Whether the path is systemd's "slice:prefix:name" form.</summary>
    public static bool IsSystemdStyle(string cgroupsPath) => cgroupsPath.Split(':').Length == 3;

    /// <summary>Normalises a path to "/a/b": no empty, "." or trailing parts; ".." never climbs above the root.</summary>
    public static string Clean(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }
}

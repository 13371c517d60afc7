namespace Berth.Runtime.Rootfs;

/// <summary>Resolves a path as the container will see it, inside a root directory on the host. Absolute symlinks
/// are read from the container's root (as the kernel will once the root is pivoted); a relative symlink that
/// climbs above the root is refused, since it only makes sense as an attempt to reach the host.</summary>
internal static class SecurePath
{
    private const int MaxSymlinks = 40;

    /// <summary>The host path for containerPath under root; components after the first missing one are appended
    /// unresolved (they will be created as real directories, never through a link).</summary>
    internal static string Resolve(string root, string containerPath)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var pending = new Stack<string>(Split(containerPath).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            // LinkTarget reads the link itself (lstat), so a dangling link is caught as well.
            if (new FileInfo(Join(root, resolved, part)).LinkTarget is { } target)
            {
                if (++links > MaxSymlinks)
                    throw new RuntimeException($"{containerPath}: too many levels of symbolic links");
                if (target.StartsWith('/')) resolved.Clear();
                else if (ClimbsAbove(resolved.Count, target))
                    throw new RuntimeException(
                        $"{containerPath} escapes the container root through symlink /{string.Join('/', resolved.Append(part))} -> {target}");
                foreach (var p in Split(target).Reverse()) pending.Push(p);
                continue;
            }
            resolved.Add(part);
        }
        return resolved.Count == 0 ? root : root + "/" + string.Join('/', resolved);
    }

    private static string Join(string root, List<string> resolved, string part)
        => resolved.Count == 0 ? $"{root}/{part}" : $"{root}/{string.Join('/', resolved)}/{part}";

    private static IEnumerable<string> Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static bool ClimbsAbove(int depth, string relativeTarget)
    {
        foreach (var part in Split(relativeTarget))
        {
            if (part == "..") { if (--depth < 0) return true; }
            else if (part != ".") depth++;
        }
        return false;
    }
}

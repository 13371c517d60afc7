namespace Berth.Daemon.Containers.Spec;

/// <summary>Resolves a path inside a root directory the way the container would see it: symlinks, absolute ones
/// included, are followed within the root, so an image's /etc/passwd link cannot make the daemon read a host file.</summary>
internal static class ScopedPath
{
    /// <summary>The host path of <paramref name="path"/> as seen inside <paramref name="root"/>.</summary>
    public static string Resolve(string root, string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = new List<string>();
        for (var links = 0; pending.Count > 0;)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var host = Path.Combine(root, string.Join('/', resolved.Append(part)));
            var target = new FileInfo(host).LinkTarget;
            if (target is null)
            {
                resolved.Add(part);
                continue;
            }
            if (++links > 255) break;
            if (target.StartsWith('/')) resolved.Clear();
            foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(t);
        }
        return Path.Combine(root, string.Join('/', resolved));
    }
}

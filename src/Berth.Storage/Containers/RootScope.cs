using Berth.Storage.Interop;

namespace Berth.Storage.Containers;

/// <summary>Container paths resolved against a root filesystem on the host the way dockerd resolves them for `cp`:
/// every symlink is followed as if the root were "/" (an absolute target starts again at the root, ".." stops at it),
/// so no path ever leads out of the root.</summary>
internal sealed class RootScope
{
    private const int MaxLinks = 255;

    /// <summary>A scope over the directory root (the container's mounted root filesystem).</summary>
    internal RootScope(string root) => Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));

    /// <summary>The root directory on the host.</summary>
    internal string Root { get; }

    /// <summary>The host path of containerPath with every symlink in it followed inside the root; names that do not
    /// exist are kept as they are.</summary>
    internal string Follow(string containerPath)
    {
        var pending = new Stack<string>(Components(containerPath).Reverse());
        var resolved = new List<string>();
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == "..")
            {
                if (resolved.Count > 0) resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var host = HostPath(resolved) + "/" + part;
            if (Fs.Lstat(host) is { IsSymlink: true })
            {
                if (++links > MaxLinks) throw new StorageException(400, $"too many links while resolving {containerPath}");
                var target = Fs.ReadLink(host);
                if (target.StartsWith('/')) resolved.Clear();
                foreach (var next in Components(target).Reverse()) pending.Push(next);
                continue;
            }
            resolved.Add(part);
        }
        return HostPath(resolved);
    }

    /// <summary>The container path ("/a/b") of a host path under the root.</summary>
    internal string ContainerPath(string hostPath)
    {
        var relative = Path.GetRelativePath(Root, hostPath);
        return relative == "." ? "/" : "/" + relative;
    }

    private string HostPath(List<string> parts) => parts.Count == 0 ? Root : Root + "/" + string.Join('/', parts);

    private static IEnumerable<string> Components(string path)
        => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".");
}

namespace Berth.Storage.Containers;

/// <summary>Go's path rules as dockerd applies them to the path a `cp` request names: cleaned and made absolute, with a
/// trailing "/" or "/." kept, because they mean "the directory itself" and "the directory's contents".</summary>
internal static class ContainerPath
{
    /// <summary>Go's filepath.Clean of an absolute path: no ".", "..", doubled or trailing slashes ("/" stays).</summary>
    internal static string Clean(string path)
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

    /// <summary>The absolute path dockerd works with: "/" + path cleaned, then "/." or "/" added back when the
    /// request ended with them (archive.PreserveTrailingDotOrSeparator).</summary>
    internal static string Absolute(string path)
    {
        var cleaned = Clean(path);
        if (Base(cleaned) != "." && Base(path) == ".") cleaned += cleaned.EndsWith('/') ? "." : "/.";
        if (!cleaned.EndsWith('/') && path.EndsWith('/')) cleaned += "/";
        return cleaned;
    }

    /// <summary>Go's filepath.Split: everything up to the last '/', and the rest.</summary>
    internal static (string Dir, string Base) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        return (path[..(slash + 1)], path[(slash + 1)..]);
    }

    /// <summary>Go's filepath.Base: the last element after trailing slashes are dropped; "/" for the root.</summary>
    internal static string Base(string path)
    {
        if (path.Length == 0) return ".";
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return "/";
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>Go's path/filepath rules and docker's archive path helpers that decide what a copy means: whether a path
/// names a directory's contents ("dir/."), asserts a directory ("dir/"), and how names are rebased.</summary>
public static class CopyPaths
{
    /// <summary>Go's filepath.Clean: "." for empty, no "//", no "." elements, ".." folded where it can be.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else if (part == ".." && rooted) continue;
            else parts.Add(part);
        }
        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    /// <summary>Go's filepath.Base: the last element, "." for an empty path, "/" for the root.</summary>
    public static string Base(string path)
    {
        if (path.Length == 0) return ".";
        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0) return "/";
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>Go's filepath.Dir: everything but the last element, cleaned.</summary>
    public static string Dir(string path) => Clean(path[..(path.LastIndexOf('/') + 1)]);

    /// <summary>Go's filepath.Join: the non-empty elements joined and cleaned.</summary>
    public static string Join(string first, string second) =>
        first.Length == 0 ? Clean(second) : second.Length == 0 ? Clean(first) : Clean(first + "/" + second);

    /// <summary>Whether the path ends in a separator ("dir/").</summary>
    public static bool HasTrailingSeparator(string path) => path.EndsWith('/');

    /// <summary>Whether the path's last element is "." ("dir/.", and also "").</summary>
    public static bool SpecifiesCurrentDir(string path) => Base(path) == ".";

    /// <summary>Whether the path can only name a directory: a trailing separator or a last "." element.</summary>
    public static bool AssertsDirectory(string path) => HasTrailingSeparator(path) || SpecifiesCurrentDir(path);

    /// <summary>docker's SplitPathDirEntry: the directory and the entry in it ("." for "dir/."), which is what a copy's
    /// archive is rooted at and named after.</summary>
    public static (string Dir, string Base) SplitDirEntry(string path)
    {
        var cleaned = Clean(path);
        if (SpecifiesCurrentDir(path)) cleaned += "/.";
        return (Dir(cleaned), Base(cleaned));
    }

    /// <summary>docker's PreserveTrailingDotOrSeparator: the cleaned path keeps the "/." or "/" the user wrote.</summary>
    public static string PreserveTrailing(string cleaned, string original)
    {
        if (!SpecifiesCurrentDir(cleaned) && SpecifiesCurrentDir(original)) cleaned += "/.";
        if (!HasTrailingSeparator(cleaned) && HasTrailingSeparator(original)) cleaned += "/";
        return cleaned;
    }

    /// <summary>A local path made absolute against the working directory, its trailing "/." or "/" kept.</summary>
    public static string ResolveLocal(string path) =>
        PreserveTrailing(Clean(path.StartsWith('/') ? path : Path.Join(Environment.CurrentDirectory, path)), path);

    /// <summary>docker's GetRebaseName: the resolved path given the original's trailing "/." or "/", and the name the
    /// archive's root entry must carry when a link's resolution changed the last element (else null).</summary>
    public static (string Resolved, string? RebaseName) RebaseName(string path, string resolved)
    {
        if (SpecifiesCurrentDir(path) && !SpecifiesCurrentDir(resolved)) resolved += "/.";
        if (HasTrailingSeparator(path) && !HasTrailingSeparator(resolved)) resolved += "/";
        return (resolved, Base(path) != Base(resolved) ? Base(path) : null);
    }

    /// <summary>docker's RebaseArchiveEntries for one entry name: the leading oldBase element becomes newBase.</summary>
    public static string Rebase(string name, string oldBase, string newBase) =>
        name == oldBase || name.StartsWith(oldBase + "/", StringComparison.Ordinal) ? newBase + name[oldBase.Length..] : name;
}

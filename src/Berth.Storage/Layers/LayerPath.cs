using Berth.Storage.Interop;

namespace Berth.Storage.Layers;

/// <summary>Turns tar entry names into paths under a layer root without ever leaving it: names are split and
/// checked lexically, then each parent is checked with lstat so no symlink (from this layer or already on disk)
/// is followed.</summary>
internal static class LayerPath
{
    /// <summary>The components of a tar name ("./a//b/" → [a, b]; "./" → []); throws for absolute names and "..".</summary>
    internal static string[] Split(string entry, string name, string what = "path")
    {
        if (name.StartsWith('/'))
            throw Invalid(entry, $"{what} escapes the layer (absolute)");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Contains(".."))
            throw Invalid(entry, $"{what} escapes the layer");
        if (parts.Any(p => p.Contains('\0')))
            throw Invalid(entry, $"{what} contains a NUL byte");
        return parts;
    }

    /// <summary>The directory for parts under root, made (0755) where missing; refuses symlinks and non-directories.</summary>
    internal static string EnsureDirectory(string root, ReadOnlySpan<string> parts, string entry)
    {
        var current = root;
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            var st = Fs.Lstat(current);
            if (st is null) Fs.Mkdir(current, 0x1ED);
            else if (st.Value.IsSymlink) throw Invalid(entry, $"parent \"{Relative(root, current)}\" is a symlink");
            else if (!st.Value.IsDirectory) throw Invalid(entry, $"parent \"{Relative(root, current)}\" is not a directory");
        }
        return current;
    }

    /// <summary>An existing non-directory under root reached without following symlinks (a hardlink's target).</summary>
    internal static string ExistingFile(string root, string[] parts, string entry)
    {
        if (parts.Length == 0) throw Invalid(entry, "hardlink target is the layer root");
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            var st = Fs.Lstat(current) ?? throw Invalid(entry, $"hardlink target \"{string.Join('/', parts)}\" is not in this layer");
            var last = i == parts.Length - 1;
            if (!last && st.IsSymlink) throw Invalid(entry, $"hardlink target goes through the symlink \"{Relative(root, current)}\"");
            if (!last && !st.IsDirectory) throw Invalid(entry, $"hardlink target parent \"{Relative(root, current)}\" is not a directory");
            if (last && st.IsDirectory) throw Invalid(entry, "hardlink target is a directory");
        }
        return current;
    }

    internal static InvalidLayerException Invalid(string entry, string problem) => new($"layer entry \"{entry}\": {problem}");

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path);
}

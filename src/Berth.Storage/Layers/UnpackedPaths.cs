using Berth.Storage.Interop;

namespace Berth.Storage.Layers;

/// <summary>What one unpack knows about its own fresh folder, to spare an lstat per entry and per parent: a path it
/// never created cannot exist there, and a parent already checked stays a real directory until something is removed.</summary>
internal sealed class UnpackedPaths(string root)
{
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checkedParents = new(StringComparer.Ordinal);

    /// <summary>lstat, answered without a call for a path this unpack never created.</summary>
    internal FileStat? Lstat(string path) => _created.Contains(path) ? Fs.Lstat(path) : null;

    /// <summary>Records that the unpack is about to create path.</summary>
    internal void Created(string path) => _created.Add(path);

    /// <summary>Removes path (and what is under it); every parent is checked again afterwards.</summary>
    internal void Remove(string path)
    {
        Fs.RemoveAll(path);
        _checkedParents.Clear();
    }

    /// <summary><see cref="LayerPath.EnsureDirectory"/> for the parent of the entry parts name, once per parent.</summary>
    internal string EnsureParent(string[] parts, string entry)
    {
        if (parts.Length == 1) return root;
        var key = string.Join('/', parts, 0, parts.Length - 1);
        if (_checkedParents.Contains(key)) return Path.Combine(root, key);
        var dir = LayerPath.EnsureDirectory(root, parts.AsSpan(0, parts.Length - 1), entry);
        // Every prefix now exists as a directory, made here or met on the way.
        var prefix = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            prefix = Path.Combine(prefix, parts[i]);
            _created.Add(prefix);
        }
        _checkedParents.Add(key);
        return dir;
    }
}

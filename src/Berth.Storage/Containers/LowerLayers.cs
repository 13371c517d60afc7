using Berth.Storage.Interop;
using Berth.Storage.Layers;

namespace Berth.Storage.Containers;

/// <summary>The read-only view overlayfs builds from lower dirs (top first), looked up without mounting: the topmost
/// entry wins, a whiteout hides a name below it, directories merge down to the first opaque one.</summary>
internal static class LowerLayers
{
    /// <summary>A path as the lower view shows it: the winning entry's stat, and for a directory every real directory
    /// that contributes to it, topmost first.</summary>
    internal sealed record Entry(FileStat Stat, string Path, IReadOnlyList<string>? Directories);

    /// <summary>Child name of the merged directory made of dirs; null when the view has no such name.</summary>
    internal static Entry? Lookup(IReadOnlyList<string> dirs, string name)
    {
        List<string>? merged = null;
        Entry? top = null;
        foreach (var dir in dirs)
        {
            var path = Path.Combine(dir, name);
            if (Fs.Lstat(path) is not { } st) continue;
            if (merged is null)
            {
                if (st.IsWhiteout) return null;
                if (!st.IsDirectory) return new Entry(st, path, null);
                merged = [path];
                top = new Entry(st, path, merged);
            }
            else if (st.IsDirectory) merged.Add(path);
            else break;
            if (IsOpaque(path)) break;
        }
        return top;
    }

    /// <summary>The names the merged directory made of dirs shows.</summary>
    internal static IEnumerable<string> Names(IReadOnlyList<string> dirs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dir in dirs)
            foreach (var path in Directory.EnumerateFileSystemEntries(dir))
            {
                var name = Path.GetFileName(path);
                // The first occurrence decides; a whiteout there hides the name in every layer below.
                if (seen.Add(name) && Fs.Lstat(path) is { IsWhiteout: false }) yield return name;
            }
    }

    /// <summary>Whether directory path carries overlayfs's opaque mark (hides the layers below it).</summary>
    internal static bool IsOpaque(string path) => Fs.GetXattr(path, Whiteouts.OpaqueXattr) is [(byte)'y'];
}

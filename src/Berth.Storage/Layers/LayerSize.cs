namespace Berth.Storage.Layers;

/// <summary>The size of an unpacked layer as Docker's graph drivers report it: the st_size of every entry that is
/// not a directory (symlinks count their target's length), each hard-linked inode once.</summary>
public static class LayerSize
{
    /// <summary>Walks the tree without following symlinks.</summary>
    public static long Of(string root)
    {
        long total = 0;
        var seen = new HashSet<(ulong Device, ulong Inode)>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            foreach (var entry in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos())
            {
                if ((entry.Attributes & FileAttributes.Directory) != 0 && entry.LinkTarget is null)
                {
                    pending.Push(entry.FullName);
                    continue;
                }
                var stat = Interop.Fs.Lstat(entry.FullName);
                if (stat is not { } s) continue;
                if (s.Links > 1 && !seen.Add((s.Device, s.Inode))) continue;
                total += s.Size;
            }
        }
        return total;
    }
}

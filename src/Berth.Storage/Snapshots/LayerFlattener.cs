using Berth.Storage.Interop;
using Berth.Storage.Layers;

namespace Berth.Storage.Snapshots;

/// <summary>Copies one unpacked layer (overlayfs format) over a tree, with overlayfs's meaning: a whiteout device
/// deletes, an opaque directory replaces, anything else replaces the path or merges into the directory.</summary>
public static class LayerFlattener
{
    /// <summary>Applies layerDir on top of target; run it bottom layer first to build a chain's view.</summary>
    public static void CopyOnto(string layerDir, string target)
    {
        var links = new Dictionary<(ulong, ulong), string>();
        CopyChildren(layerDir, target, links);
        var root = Fs.Lstat(layerDir)!.Value;
        CopyMetadata(layerDir, target, root);
    }

    private static void CopyChildren(string from, string to, Dictionary<(ulong, ulong), string> links)
    {
        foreach (var source in Directory.EnumerateFileSystemEntries(from).Order(StringComparer.Ordinal))
        {
            var st = Fs.Lstat(source) ?? throw new IOException($"{source} vanished while copying");
            var dest = Path.Combine(to, Path.GetFileName(source));
            var existing = Fs.Lstat(dest);
            if (st.IsWhiteout)
            {
                Fs.RemoveAll(dest);
                continue;
            }
            if (st.IsDirectory)
            {
                var opaque = Fs.GetXattr(source, Whiteouts.OpaqueXattr) is [(byte)'y'];
                if (existing is not { IsDirectory: true } || opaque)
                {
                    Fs.RemoveAll(dest);
                    Fs.Mkdir(dest, 0x1C0);
                }
                CopyChildren(source, dest, links);
                CopyMetadata(source, dest, st);
                continue;
            }
            if (existing is not null) Fs.RemoveAll(dest);
            if (st.IsRegular && st.Links > 1 && links.TryGetValue((st.Device, st.Inode), out var first))
            {
                Fs.Link(first, dest);
                continue;
            }
            switch (st.Type)
            {
                case Libc.S_IFREG:
                    File.Copy(source, dest);
                    if (st.Links > 1) links[(st.Device, st.Inode)] = dest;
                    break;
                case Libc.S_IFLNK:
                    Fs.Symlink(Fs.ReadLink(source), dest);
                    break;
                case Libc.S_IFCHR or Libc.S_IFBLK or Libc.S_IFIFO:
                    Fs.Mknod(dest, st.Type, 0x180, st.RdevMajor, st.RdevMinor);
                    break;
                default:
                    continue;
            }
            CopyMetadata(source, dest, st);
        }
    }

    private static void CopyMetadata(string source, string dest, FileStat st)
    {
        FileMetadata.Apply(dest, st.IsSymlink, (int)st.Uid, (int)st.Gid, st.Permissions, FileMetadata.Read(source));
        Fs.SetTimes(dest, st.ModifiedTime, st.ModifiedTime);
    }
}

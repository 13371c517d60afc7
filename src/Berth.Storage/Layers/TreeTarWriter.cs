using System.Formats.Tar;
using System.Text;
using Berth.Storage.Interop;

namespace Berth.Storage.Layers;

/// <summary>Writes a directory tree into a tar without following symlinks: names sorted ordinally, times and owners
/// from the files, a second name of an inode as a hardlink. Shared by layer diffs, container export and `cp`.</summary>
/// <remarks>With overlayMarkers the tree is an overlay upper dir: whiteout devices become .wh. entries and opaque
/// directories get .wh..wh..opq, as OCI layers spell them.</remarks>
internal sealed class TreeTarWriter(TarWriter writer, bool overlayMarkers)
{
    private readonly Dictionary<(ulong Device, ulong Inode), string> _written = [];

    /// <summary>Writes what dir holds, each entry named prefix + its name (prefix empty or ending in '/').</summary>
    internal void WriteChildren(string dir, string prefix)
    {
        var names = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).ToList();
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = Path.Combine(dir, name!);
            // A file removed while the tree is written (a running container) is simply not in the tar.
            if (Fs.Lstat(path) is { } st) WriteEntry(path, prefix + name, st);
        }
    }

    /// <summary>Writes path (and, for a directory, everything below it) under name.</summary>
    internal void WriteTree(string path, string name)
    {
        var st = Fs.Lstat(path) ?? throw new StorageException(404, $"{path} vanished while it was archived");
        WriteEntry(path, name, st);
    }

    private void WriteEntry(string path, string name, FileStat st)
    {
        if (overlayMarkers && st.IsWhiteout)
        {
            var slash = name.LastIndexOf('/') + 1;
            writer.WriteEntry(Marker(name[..slash] + Whiteouts.Prefix + name[slash..], st, path, 0x180));
            return;
        }
        switch (st.Type)
        {
            case Libc.S_IFDIR:
                var dirName = name.EndsWith('/') ? name : name + "/";
                writer.WriteEntry(Entry(TarEntryType.Directory, dirName, st, path));
                if (overlayMarkers && Fs.GetXattr(path, Whiteouts.OpaqueXattr) is [(byte)'y'])
                    writer.WriteEntry(Marker(dirName + Whiteouts.OpaqueMarker, st, path, st.Permissions & 0x1FF));
                WriteChildren(path, dirName);
                return;
            case Libc.S_IFREG:
                if (st.Links > 1 && _written.TryGetValue((st.Device, st.Inode), out var first))
                {
                    var link = Entry(TarEntryType.HardLink, name, st, path, withXattrs: false);
                    link.LinkName = first;
                    writer.WriteEntry(link);
                    return;
                }
                if (st.Links > 1) _written[(st.Device, st.Inode)] = name;
                var file = Entry(TarEntryType.RegularFile, name, st, path);
                using (var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16))
                {
                    file.DataStream = data;
                    writer.WriteEntry(file);
                }
                return;
            case Libc.S_IFLNK:
                var symlink = Entry(TarEntryType.SymbolicLink, name, st, path);
                symlink.LinkName = Fs.ReadLink(path);
                writer.WriteEntry(symlink);
                return;
            case Libc.S_IFCHR or Libc.S_IFBLK:
                var device = Entry(st.Type == Libc.S_IFCHR ? TarEntryType.CharacterDevice : TarEntryType.BlockDevice, name, st, path);
                device.DeviceMajor = (int)st.RdevMajor;
                device.DeviceMinor = (int)st.RdevMinor;
                writer.WriteEntry(device);
                return;
            case Libc.S_IFIFO:
                writer.WriteEntry(Entry(TarEntryType.Fifo, name, st, path));
                return;
            default:
                // Sockets cannot be archived; Docker leaves them out too.
                return;
        }
    }

    // Whiteout and opaque markers are empty files: dockerd gives a whiteout 0600 and an opaque marker its directory's
    // permissions.
    private static PaxTarEntry Marker(string name, FileStat st, string path, uint mode)
    {
        var marker = Entry(TarEntryType.RegularFile, name, st, path, withXattrs: false);
        marker.Mode = (UnixFileMode)mode;
        return marker;
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, FileStat st, string path, bool withXattrs = true)
    {
        var pax = new List<KeyValuePair<string, string>>();
        if (withXattrs)
            foreach (var (key, value) in FileMetadata.Read(path))
                pax.Add(new("SCHILY.xattr." + key, Encoding.UTF8.GetString(value)));
        return new PaxTarEntry(type, name, pax)
        {
            Uid = (int)st.Uid,
            Gid = (int)st.Gid,
            Mode = (UnixFileMode)st.Permissions,
            ModificationTime = st.ModifiedTime,
        };
    }
}

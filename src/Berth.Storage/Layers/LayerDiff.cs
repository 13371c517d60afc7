using System.Formats.Tar;
using System.Text;
using Berth.Oci.Image;
using Berth.Storage.Interop;

namespace Berth.Storage.Layers;

/// <summary>Writes an overlay upper dir as an uncompressed OCI layer tar: whiteout devices become .wh. entries and
/// opaque directories get .wh..wh..opq, so the result unpacks (here or in Docker) to the same changes.</summary>
/// <remarks>Entries are in depth-first order with names sorted ordinally, and times come from the files, so the same
/// upper dir always gives the same bytes and the same DiffID.</remarks>
public static class LayerDiff
{
    /// <summary>Writes upperDir's changes to output as a tar and returns its DiffID; output stays open.</summary>
    public static Digest Write(string upperDir, Stream output)
    {
        upperDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(upperDir));
        if (Fs.Lstat(upperDir) is not { IsDirectory: true })
            throw new StorageException(404, $"cannot diff {upperDir}: not a directory");
        using var hashing = new HashingWriteStream(output);
        using (var writer = new TarWriter(hashing, TarEntryFormat.Pax, leaveOpen: true))
            new Walker(upperDir, writer).WriteChildren(upperDir, "");
        hashing.Flush();
        return hashing.Digest();
    }

    /// <summary>One walk over an upper dir, remembering inodes already written so further names become hardlinks.</summary>
    private sealed class Walker(string root, TarWriter writer)
    {
        private readonly Dictionary<(ulong Device, ulong Inode), string> _written = [];

        internal void WriteChildren(string dir, string prefix)
        {
            var names = Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).ToList();
            names.Sort(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var path = Path.Combine(dir, name!);
                var st = Fs.Lstat(path) ?? throw new StorageException(500, $"cannot diff {root}: {path} vanished while writing");
                WriteEntry(path, prefix + name, st);
            }
        }

        private void WriteEntry(string path, string name, FileStat st)
        {
            if (st.IsWhiteout)
            {
                var slash = name.LastIndexOf('/') + 1;
                var marker = Entry(TarEntryType.RegularFile, name[..slash] + Whiteouts.Prefix + name[slash..], st, path, withXattrs: false);
                marker.Mode = 0;
                writer.WriteEntry(marker);
                return;
            }
            switch (st.Type)
            {
                case Libc.S_IFDIR:
                    writer.WriteEntry(Entry(TarEntryType.Directory, name + "/", st, path));
                    if (Fs.GetXattr(path, Whiteouts.OpaqueXattr) is [(byte)'y'])
                    {
                        var opaque = Entry(TarEntryType.RegularFile, name + "/" + Whiteouts.OpaqueMarker, st, path, withXattrs: false);
                        opaque.Mode = 0;
                        writer.WriteEntry(opaque);
                    }
                    WriteChildren(path, name + "/");
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
                    using (var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
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
                    // Sockets cannot be archived; Docker leaves them out of layers too.
                    return;
            }
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
}

using System.Formats.Tar;
using Berth.Storage.Interop;
using Berth.Storage.Layers;

namespace Berth.Storage.Containers;

/// <summary>Writes checked tar entries into a container's root: parents resolved in the root's scope and made where
/// missing, the entry itself never followed (an existing symlink or file at its name is replaced, a directory merged),
/// and directory modes and times set last, once their contents are in.</summary>
internal sealed class Extractor(RootScope scope, string destination, ArchiveOwner? owner)
{
    private readonly List<(string Path, uint Mode, DateTimeOffset Mtime)> _directories = [];
    private readonly byte[] _buffer = new byte[1 << 16];

    /// <summary>Whether entries of this type can be extracted (a tar's own metadata entries never reach here).</summary>
    internal static bool Handles(TarEntryType type) => type is TarEntryType.RegularFile or TarEntryType.V7RegularFile
        or TarEntryType.ContiguousFile or TarEntryType.Directory or TarEntryType.SymbolicLink or TarEntryType.HardLink
        or TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo;

    /// <summary>The host path for a container path: the parent followed in scope, the last name kept.</summary>
    internal static string HostPath(RootScope scope, string containerPath)
    {
        if (containerPath == "/") return scope.Root;
        var (dir, name) = ContainerPath.Split(containerPath);
        return scope.Follow(dir) + "/" + name;
    }

    /// <summary>Writes entry at the container path target.</summary>
    internal void Write(string target, TarEntry entry)
    {
        if (target == "/" || ContainerPath.Split(target).Base is "" or ".")
        {
            // The destination itself ("./"): only its metadata, as dockerd merges an existing directory.
            if (entry.EntryType == TarEntryType.Directory) Remember(HostPath(scope, target), entry);
            return;
        }
        var host = EnsureParent(target);
        var existing = Fs.Lstat(host);
        if (existing is { IsDirectory: true } && entry.EntryType == TarEntryType.Directory)
        {
            Apply(host, entry, isSymlink: false);
            Remember(host, entry);
            return;
        }
        if (existing is not null) Fs.RemoveAll(host);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                Fs.Mkdir(host, 0x1C0);
                Apply(host, entry, isSymlink: false);
                Remember(host, entry);
                return;
            case TarEntryType.SymbolicLink:
                Fs.Symlink(entry.LinkName, host);
                Apply(host, entry, isSymlink: true);
                Fs.SetTimes(host, entry.ModificationTime, entry.ModificationTime);
                return;
            case TarEntryType.HardLink:
                // Like names, a hardlink target counts from the destination.
                var linked = HostPath(scope, ContainerPath.Clean(destination + "/" + entry.LinkName));
                if (Fs.Lstat(linked) is not { IsDirectory: false })
                    throw ContainerArchiveException.BadTar($"hardlink target \"{entry.LinkName}\" of \"{target}\" does not exist or is a directory");
                Fs.Link(linked, host);
                return;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                var type = entry.EntryType switch
                {
                    TarEntryType.CharacterDevice => Libc.S_IFCHR,
                    TarEntryType.BlockDevice => Libc.S_IFBLK,
                    _ => Libc.S_IFIFO,
                };
                Fs.Mknod(host, type, 0x180, (uint)Math.Max(0, entry is PosixTarEntry p ? p.DeviceMajor : 0),
                    (uint)Math.Max(0, entry is PosixTarEntry q ? q.DeviceMinor : 0));
                Apply(host, entry, isSymlink: false);
                Fs.SetTimes(host, entry.ModificationTime, entry.ModificationTime);
                return;
            default:
                using (var file = new NewFile(host))
                {
                    if (entry.DataStream is { } data) file.CopyFrom(data, _buffer);
                    FileMetadata.Apply(file, Uid(entry), Gid(entry), (uint)entry.Mode, Xattrs(entry));
                    file.SetTimes(entry.ModificationTime, entry.ModificationTime);
                }
                return;
        }
    }

    /// <summary>Sets the directories' modes and times, deepest first, now that nothing more is written into them.</summary>
    internal void FinishDirectories()
    {
        foreach (var (path, mode, mtime) in Enumerable.Reverse(_directories))
        {
            Fs.Chmod(path, mode & 0xFFF);
            Fs.SetTimes(path, mtime, mtime);
        }
    }

    private string EnsureParent(string target)
    {
        var (dir, _) = ContainerPath.Split(target);
        var host = scope.Follow(dir);
        var current = scope.Root;
        foreach (var part in Path.GetRelativePath(scope.Root, host).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            current += "/" + part;
            var st = Fs.Lstat(current);
            if (st is null)
            {
                Fs.Mkdir(current, 0x1ED);
                if (owner is not null && Fs.IsRoot) Fs.Lchown(current, owner.Uid, owner.Gid);
            }
            else if (!st.Value.IsDirectory)
                throw ContainerArchiveException.BadTar($"cannot create \"{target}\": \"{scope.ContainerPath(current)}\" is not a directory");
        }
        return current + "/" + ContainerPath.Split(target).Base;
    }

    private void Apply(string host, TarEntry entry, bool isSymlink)
        => FileMetadata.Apply(host, isSymlink, Uid(entry), Gid(entry), (uint)entry.Mode, Xattrs(entry));

    private void Remember(string host, TarEntry entry) => _directories.Add((host, (uint)entry.Mode, entry.ModificationTime));

    private int Uid(TarEntry entry) => owner?.Uid ?? entry.Uid;

    private int Gid(TarEntry entry) => owner?.Gid ?? entry.Gid;

    private static IEnumerable<KeyValuePair<string, byte[]>> Xattrs(TarEntry entry)
        => FileMetadata.FromPax(entry is PaxTarEntry pax ? pax.ExtendedAttributes : null);
}

using System.Formats.Tar;
using System.Security.Cryptography;
using Berth.Storage.Interop;

namespace Berth.Storage.Layers;

/// <summary>Unpacks one layer tarball (plain, gzip or zstd) into a directory in overlayfs's format: OCI whiteouts
/// become whiteout devices and opaque attributes, so the directory can serve directly as an overlay lower dir.</summary>
/// <remarks>The target must not exist yet: the layer is unpacked into a sibling "&lt;target&gt;.tmp-…" and renamed into
/// place only when complete, so a failed or interrupted apply never leaves a partial layer at target. Every apply also
/// records the layer's tar-split beside target (<see cref="LayerTarSplit"/>), so any layer made from a tar stream
/// (load, import, commit) can be saved again as the very same tar.</remarks>
public static class LayerApplier
{
    private const string TempMarker = ".tmp-";

    /// <summary>Unpacks layer into the new directory target; InvalidLayerException (400) for corrupt or unsafe input.
    /// With durable false nothing is flushed: the caller syncs the filesystem itself before it records the layer
    /// (one syncfs for a whole load instead of one per layer).</summary>
    public static LayerApplyResult Apply(Stream layer, string target, bool durable = true)
    {
        target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        if (Fs.Lstat(target) is not null)
            throw new StorageException(409, $"cannot unpack a layer into {target}: it already exists");
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temp = target + TempMarker + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var splitTemp = LayerTarSplit.PathFor(temp);
        try
        {
            Fs.Mkdir(temp, 0x1ED);
            LayerApplyResult result;
            using (var tar = LayerDecompression.Decompress(layer))
            using (var split = new TarSplitRecorder(tar, splitTemp))
            {
                using (var hashing = new HashingStream(split))
                    result = new Unpacker(temp, split).Run(hashing);
                split.Complete(result.DiffId);
            }
            if (durable) Fs.SyncFilesystem(temp);
            // The record first: a layer folder in place always has its tar-split, whatever moment a crash comes.
            File.Move(splitTemp, LayerTarSplit.PathFor(target), overwrite: true);
            Directory.Move(temp, target);
            if (durable) Fs.SyncDirectory(parent);
            return result;
        }
        catch
        {
            Fs.RemoveAll(temp);
            Fs.RemoveAll(splitTemp);
            throw;
        }
    }

    /// <summary>Removes an applied layer: its folder and its tar-split (no-op for what is absent).</summary>
    public static void Delete(string target)
    {
        target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        Fs.RemoveAll(target);
        Fs.RemoveAll(LayerTarSplit.PathFor(target));
    }

    /// <summary>Removes half-unpacked layers and half-written tar-splits a crash left in parent (the daemon's layers/
    /// folder), at start-up.</summary>
    public static void RemoveLeftovers(string parent)
    {
        if (!Directory.Exists(parent)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent))
            if (Path.GetFileName(entry).Contains(TempMarker, StringComparison.Ordinal))
                Fs.RemoveAll(entry);
    }

    /// <summary>The state of one unpack: the root and the directories whose mode and times wait for their contents.</summary>
    private sealed class Unpacker(string root, TarSplitRecorder split)
    {
        private readonly Dictionary<string, (uint Mode, DateTimeOffset Mtime)> _directories = new(StringComparer.Ordinal);
        private readonly UnpackedPaths _paths = new(root);
        private readonly byte[] _buffer = new byte[1 << 16];

        internal LayerApplyResult Run(HashingStream input)
        {
            var name = "(start of layer)";
            try
            {
                using var reader = new TarReader(input, leaveOpen: true);
                while (reader.GetNextEntry() is { } entry)
                {
                    name = entry.Name;
                    ApplyEntry(entry);
                }
                var diffId = input.Finish();
                if (input.Length64 % 512 != 0 || input.TrailingZeros < 1024)
                    throw new InvalidLayerException($"layer is truncated: the tar stream ends after \"{name}\" without its end-of-archive marker");
                // Deepest first: setting a child's times is not a write to its parent, but creating it was.
                foreach (var (path, (mode, mtime)) in _directories.OrderByDescending(d => d.Key.Count(c => c == '/')))
                {
                    if (Fs.Lstat(path) is not { IsDirectory: true }) continue;
                    Fs.Chmod(path, mode & 0xFFF);
                    Fs.SetTimes(path, mtime, mtime);
                }
                return new LayerApplyResult(diffId);
            }
            catch (StorageException) { throw; }
            catch (EndOfStreamException e)
            {
                throw new InvalidLayerException($"layer is truncated: the tar stream ends inside or after \"{name}\"", e);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException
                                          or ZstdSharp.ZstdException or ArgumentException)
            {
                throw new InvalidLayerException($"layer is not a valid tar stream (after \"{name}\"): {e.Message}", e);
            }
            catch (IOException e)
            {
                throw new StorageException(500, $"layer entry \"{name}\": {e.Message}", e);
            }
        }

        private void ApplyEntry(TarEntry entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes) return;
            var parts = LayerPath.Split(entry.Name, entry.Name);
            if (parts.Length > 0 && parts[^1].StartsWith(Whiteouts.Prefix, StringComparison.Ordinal))
            {
                ApplyWhiteout(entry, parts);
                return;
            }
            if (parts.Length == 0)
            {
                if (entry.EntryType != TarEntryType.Directory) throw LayerPath.Invalid(entry.Name, "the layer root must be a directory");
                SetMetadata(entry, root, isDirectory: true);
                return;
            }

            var parent = _paths.EnsureParent(parts, entry.Name);
            var path = Path.Combine(parent, parts[^1]);
            var existing = _paths.Lstat(path);
            if (entry.EntryType == TarEntryType.Directory && existing is { IsDirectory: true })
            {
                SetMetadata(entry, path, isDirectory: true);
                return;
            }
            if (existing is not null)
            {
                split.Replacing(string.Join('/', parts));
                _paths.Remove(path);
            }
            _paths.Created(path);

            switch (entry.EntryType)
            {
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    WriteFile(entry, path, string.Join('/', parts));
                    return;
                case TarEntryType.Directory:
                    Fs.Mkdir(path, 0x1C0);
                    SetMetadata(entry, path, isDirectory: true);
                    return;
                case TarEntryType.SymbolicLink:
                    if (string.IsNullOrEmpty(entry.LinkName)) throw LayerPath.Invalid(entry.Name, "symlink without a target");
                    Fs.Symlink(entry.LinkName, path);
                    break;
                case TarEntryType.HardLink:
                    var linkParts = LayerPath.Split(entry.Name, entry.LinkName, "hardlink target");
                    Fs.Link(LayerPath.ExistingFile(root, linkParts, entry.Name), path);
                    // The link shares the target's inode, whose metadata its own entry already set.
                    return;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                    MakeNode(entry, path);
                    break;
                default:
                    throw LayerPath.Invalid(entry.Name, $"unsupported entry type {entry.EntryType}");
            }
            SetMetadata(entry, path, isDirectory: false);
        }

        // Most entries are regular files: everything about them goes through the new file's descriptor.
        private void WriteFile(TarEntry entry, string path, string relativePath)
        {
            using var file = new NewFile(path);
            if (entry.DataStream is { } data && entry.Length > 0)
            {
                // The content stays in the file; the tar-split only points at it.
                split.BeginFile(relativePath, entry.Length);
                file.CopyFrom(data, _buffer);
                split.EndFile();
            }
            FileMetadata.Apply(file, entry.Uid, entry.Gid, (uint)entry.Mode, FileMetadata.FromPax((entry as PaxTarEntry)?.ExtendedAttributes));
            file.SetTimes(entry.ModificationTime, entry.ModificationTime);
        }

        private static void MakeNode(TarEntry entry, string path)
        {
            var (type, major, minor) = entry.EntryType switch
            {
                TarEntryType.CharacterDevice => (Libc.S_IFCHR, Major(entry), Minor(entry)),
                TarEntryType.BlockDevice => (Libc.S_IFBLK, Major(entry), Minor(entry)),
                _ => (Libc.S_IFIFO, 0u, 0u),
            };
            Fs.Mknod(path, type, 0x180, major, minor);
        }

        private static uint Major(TarEntry entry) => entry is PosixTarEntry p ? (uint)p.DeviceMajor : 0;

        private static uint Minor(TarEntry entry) => entry is PosixTarEntry p ? (uint)p.DeviceMinor : 0;

        private void ApplyWhiteout(TarEntry entry, string[] parts)
        {
            var dir = _paths.EnsureParent(parts, entry.Name);
            var marker = parts[^1];
            if (marker == Whiteouts.OpaqueMarker)
            {
                Fs.SetXattr(dir, Whiteouts.OpaqueXattr, "y"u8);
                return;
            }
            // Other .wh..wh. names are aufs bookkeeping (hard link directories, ...), meaningless to overlayfs.
            if (marker.StartsWith(Whiteouts.Prefix + Whiteouts.Prefix, StringComparison.Ordinal)) return;
            var hidden = marker[Whiteouts.Prefix.Length..];
            if (hidden is "" or "." or "..") throw LayerPath.Invalid(entry.Name, "whiteout of an invalid name");
            var path = Path.Combine(dir, hidden);
            if (_paths.Lstat(path) is not null) split.Replacing(string.Join('/', parts[..^1].Append(hidden)));
            _paths.Remove(path);
            _paths.Created(path);
            Fs.Mknod(path, Libc.S_IFCHR, 0, 0, 0);
            if (Fs.IsRoot) Fs.Lchown(path, entry.Uid, entry.Gid);
        }

        private void SetMetadata(TarEntry entry, string path, bool isDirectory)
        {
            var mode = (uint)entry.Mode;
            var xattrs = FileMetadata.FromPax((entry as PaxTarEntry)?.ExtendedAttributes);
            if (isDirectory)
            {
                FileMetadata.Apply(path, false, entry.Uid, entry.Gid, 0x1C0 | mode, xattrs);
                // A read-only mode would block the directory's own contents, and writing them moves its mtime.
                _directories[path] = (mode, entry.ModificationTime);
                return;
            }
            FileMetadata.Apply(path, entry.EntryType == TarEntryType.SymbolicLink, entry.Uid, entry.Gid, mode, xattrs);
            Fs.SetTimes(path, entry.ModificationTime, entry.ModificationTime);
        }
    }
}

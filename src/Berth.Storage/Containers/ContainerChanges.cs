using Berth.Storage.Interop;

namespace Berth.Storage.Containers;

/// <summary>`docker diff`: a container's changes from its overlay upper dir and the lower dirs below it, reported as
/// dockerd 20.10's overlay2 reports them.</summary>
/// <remarks>dockerd compares the mounted container with its mounted parent (its "naive" diff), so a deleted
/// directory is one "D" (nothing below it), an added one lists everything inside as "A", files count as changed on
/// mode, owner, device, size, mtime or file capabilities, directories only on mode, owner and device, and a directory
/// holding changes is reported "C" before them. Only paths in the upper dir can differ, so walking it and looking the
/// same names up in the lower dirs gives the same answer without mounting or walking the image.</remarks>
public static class ContainerChanges
{
    private const string CapabilityXattr = "security.capability";

    /// <summary>The changes of the container whose overlay upper dir is upperDir, over lowerDirs (top first).</summary>
    public static List<ContainerChange> Of(string upperDir, IReadOnlyList<string> lowerDirs)
    {
        if (Fs.Lstat(upperDir) is not { IsDirectory: true })
            throw new StorageException(404, $"cannot list changes: {upperDir} is not a directory");
        var changes = new List<ContainerChange>();
        VisitChildren(upperDir, "/", lowerDirs, LowerLayers.IsOpaque(upperDir), changes);
        return changes;
    }

    private static void Visit(string upperPath, string path, FileStat now, LowerLayers.Entry? before, List<ContainerChange> changes)
    {
        var start = changes.Count;
        var reported = true;
        if (before is null) changes.Add(new ContainerChange(path, ChangeKind.Added));
        else if (Differs(before, now, upperPath)) changes.Add(new ContainerChange(path, ChangeKind.Modified));
        else reported = false;
        if (!now.IsDirectory) return;
        VisitChildren(upperPath, path + "/", before?.Directories, LowerLayers.IsOpaque(upperPath), changes);
        // A directory that holds changes is reported changed, before them, so a commit restores its metadata.
        if (!reported && changes.Count > start) changes.Insert(start, new ContainerChange(path, ChangeKind.Modified));
    }

    private static void VisitChildren(string upperDir, string prefix, IReadOnlyList<string>? lowerDirs, bool opaque,
        List<ContainerChange> changes)
    {
        var names = Directory.EnumerateFileSystemEntries(upperDir).Select(p => Path.GetFileName(p)).ToList();
        names.Sort(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        var deleted = new List<string>();
        foreach (var name in names)
        {
            var upperPath = Path.Combine(upperDir, name);
            if (Fs.Lstat(upperPath) is not { } st) continue;
            var before = lowerDirs is null ? null : LowerLayers.Lookup(lowerDirs, name);
            if (st.IsWhiteout)
            {
                if (before is not null) deleted.Add(name);
                continue;
            }
            present.Add(name);
            Visit(upperPath, prefix + name, st, before, changes);
        }
        // An opaque directory hides everything the lower dirs had in it.
        if (opaque && lowerDirs is not null)
            deleted.AddRange(LowerLayers.Names(lowerDirs).Where(n => !present.Contains(n) && !deleted.Contains(n)).Order(StringComparer.Ordinal));
        foreach (var name in deleted) changes.Add(new ContainerChange(prefix + name, ChangeKind.Deleted));
    }

    private static bool Differs(LowerLayers.Entry before, FileStat now, string upperPath)
    {
        var old = before.Stat;
        if (old.Mode != now.Mode || old.Uid != now.Uid || old.Gid != now.Gid
            || old.RdevMajor != now.RdevMajor || old.RdevMinor != now.RdevMinor)
            return true;
        // Size and mtime of directories change with every entry added or removed; dockerd ignores them.
        if (!now.IsDirectory && (old.Size != now.Size || old.ModifiedTime != now.ModifiedTime)) return true;
        return !(Fs.GetXattr(before.Path, CapabilityXattr) ?? []).AsSpan().SequenceEqual(Fs.GetXattr(upperPath, CapabilityXattr) ?? []);
    }
}

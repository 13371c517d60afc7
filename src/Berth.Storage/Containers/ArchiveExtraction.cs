using System.Formats.Tar;
using Berth.Storage.Interop;
using Berth.Storage.Layers;

namespace Berth.Storage.Containers;

/// <summary>PUT /containers/{id}/archive: extracts a tar (plain or compressed) into a directory of a container's
/// mounted root filesystem. The destination is resolved in the root's scope (a symlink to a directory is followed);
/// the whole tar is checked before anything is written, so a refused tar changes nothing.</summary>
public static class ArchiveExtraction
{
    /// <summary>Extracts tar into path (as the request gave it) under rootfs; spoolDir holds the tar meanwhile.
    /// noOverwriteDirNonDir refuses to replace a directory with a non-directory or the reverse; owner (copyUIDGID)
    /// overrides the tar's owners. Throws <see cref="ContainerFileNotFoundException"/> (404) or
    /// <see cref="ContainerArchiveException"/> with dockerd's status and message.</summary>
    public static void Extract(string rootfs, string path, string container, Stream tar, string spoolDir,
        bool noOverwriteDirNonDir, ArchiveOwner? owner)
    {
        if (string.IsNullOrEmpty(path)) throw ContainerArchiveException.EmptyPath();
        var scope = new RootScope(rootfs);
        var destinationHost = scope.Follow(ContainerPath.Absolute(path));
        var st = Fs.Lstat(destinationHost) ?? throw new ContainerFileNotFoundException(path, container);
        if (!st.IsDirectory) throw new ContainerArchiveException(500, "extraction point is not a directory");
        var destination = scope.ContainerPath(destinationHost);

        Directory.CreateDirectory(spoolDir);
        var spool = Path.Combine(spoolDir, "cp-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                tar.CopyTo(file);
            ForEachEntry(spool, entry => Check(scope, destination, entry, noOverwriteDirNonDir));
            var extractor = new Extractor(scope, destination, owner);
            ForEachEntry(spool, entry => extractor.Write(TarEntryCheck.Target(entry, destination), entry));
            extractor.FinishDirectories();
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static void ForEachEntry(string spool, Action<TarEntry> action)
    {
        using var file = new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            using var raw = LayerDecompression.Decompress(file);
            using var reader = new TarReader(raw);
            while (reader.GetNextEntry() is { } entry) action(entry);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw ContainerArchiveException.BadTar($"unexpected EOF or corrupt tar: {e.Message}");
        }
    }

    private static void Check(RootScope scope, string destination, TarEntry entry, bool noOverwriteDirNonDir)
    {
        var target = TarEntryCheck.Target(entry, destination);
        if (!Extractor.Handles(entry.EntryType))
            throw ContainerArchiveException.BadTar($"unhandled tar header type {(int)entry.EntryType}");
        if (!noOverwriteDirNonDir || target == destination) return;
        var existing = Fs.Lstat(Extractor.HostPath(scope, target));
        var isDirectory = entry.EntryType == TarEntryType.Directory;
        if (existing is { IsDirectory: true } && !isDirectory)
            throw ContainerArchiveException.BadTar($"cannot overwrite directory \"{target}\" with non-directory \"{destination}\"");
        if (existing is { IsDirectory: false } && isDirectory)
            throw ContainerArchiveException.BadTar($"cannot overwrite non-directory \"{target}\" with directory \"{destination}\"");
    }
}

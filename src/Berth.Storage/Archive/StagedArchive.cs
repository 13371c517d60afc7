using System.Formats.Tar;

namespace Berth.Storage.Archive;

/// <summary>An image archive (`docker save` or OCI layout tarball) unpacked into a private staging directory, so
/// that its files can be read in any order. Only regular files and directories reach the disk; symbolic links
/// (docker save links shared layers) are kept as names and resolved inside the archive, never on the host.</summary>
public sealed class StagedArchive : IDisposable
{
    private const int MaxLinkDepth = 16;
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);

    /// <summary>The staging directory (removed on dispose).</summary>
    public string Directory { get; }

    private StagedArchive(string directory) => Directory = directory;

    /// <summary>Unpacks the tar stream into a new directory under stagingRoot; bad entries throw a 400 StorageException
    /// and leave nothing behind.</summary>
    public static StagedArchive Unpack(Stream tar, string stagingRoot)
    {
        var directory = Path.Combine(stagingRoot, "load-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var staged = new StagedArchive(directory);
        try
        {
            using var reader = new TarReader(tar, leaveOpen: true);
            TarEntry? entry;
            while ((entry = Next(reader)) != null) staged.Add(entry);
            if (staged._files.Count == 0) throw new StorageException(400, "the archive is empty or not a tar file");
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    private static TarEntry? Next(TarReader reader)
    {
        try { return reader.GetNextEntry(); }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new StorageException(400, $"the archive is not a valid tar file: {e.Message}", e);
        }
    }

    private void Add(TarEntry entry)
    {
        var name = Normalize(entry.Name);
        if (name.Length == 0) return;
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                System.IO.Directory.CreateDirectory(Path.Combine(Directory, name));
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                var path = Path.Combine(Directory, name);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (_links.ContainsKey(name)) throw new StorageException(400, $"archive entry \"{entry.Name}\" appears twice");
                try
                {
                    using var output = new FileStream(path, FileMode.Create, FileAccess.Write);
                    entry.DataStream?.CopyTo(output);
                }
                catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
                {
                    throw new StorageException(400, $"the archive is truncated in \"{entry.Name}\"", e);
                }
                _files.Add(name);
                break;
            case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                // Links only ever point at other archive entries; they are resolved by name when read.
                var target = entry.EntryType == TarEntryType.HardLink
                    ? Normalize(entry.LinkName)
                    : Normalize(Path.Combine(Path.GetDirectoryName(name) ?? "", entry.LinkName), entry.LinkName);
                if (_files.Contains(name)) throw new StorageException(400, $"archive entry \"{entry.Name}\" appears twice");
                _links[name] = target;
                break;
            case TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes:
                break;
            default:
                throw new StorageException(400, $"archive entry \"{entry.Name}\" has a type ({entry.EntryType}) an image archive never holds");
        }
    }

    /// <summary>A relative, slash-separated path inside the archive; absolute paths and ".." that leave it are refused.</summary>
    private static string Normalize(string name, string? shownAs = null)
    {
        if (name.StartsWith('/')) throw new StorageException(400, $"archive entry \"{shownAs ?? name}\" has an absolute path");
        var parts = new List<string>();
        foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) throw new StorageException(400, $"archive entry \"{shownAs ?? name}\" points outside the archive");
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>True when the archive holds the file (directly or through links).</summary>
    public bool Exists(string name) => Resolve(name) is not null;

    /// <summary>Opens a file of the archive by its name in the archive; 400 when it is missing.</summary>
    public FileStream Open(string name)
        => Resolve(name) is { } file ? File.OpenRead(Path.Combine(Directory, file))
            : throw new StorageException(400, $"the archive has no file \"{name}\"");

    /// <summary>Reads a whole (small) file of the archive.</summary>
    public byte[] ReadAllBytes(string name)
    {
        using var stream = Open(name);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private string? Resolve(string name)
    {
        var current = Normalize(name);
        for (var depth = 0; depth <= MaxLinkDepth; depth++)
        {
            if (_files.Contains(current)) return current;
            if (!_links.TryGetValue(current, out var next)) return null;
            current = next;
        }
        throw new StorageException(400, $"archive entry \"{name}\" is a loop of links");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}

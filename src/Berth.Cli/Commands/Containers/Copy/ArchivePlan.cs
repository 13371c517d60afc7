using System.Formats.Tar;

namespace Berth.Cli.Commands.Containers.Copy;

/// <summary>The checking pass of <see cref="ArchiveExtractor"/>: follows each entry's parents through the symbolic
/// links already on disk and those the archive makes before it, and records where each entry will land.</summary>
internal sealed class ArchivePlan(string root)
{
    private abstract record Node;
    private sealed record DirectoryNode : Node;
    private sealed record FileNode : Node;
    private sealed record LinkNode(string Target) : Node;

    private const int MaxLinkHops = 40;
    private static readonly DirectoryNode Dir = new();
    private static readonly FileNode Regular = new();
    private readonly Dictionary<string, Node> _state = new(StringComparer.Ordinal);

    /// <summary>One placement per entry in order: the path under the root, or null for an entry left alone.</summary>
    public List<Placement?> Placements { get; } = [];

    /// <summary>The destination directory, absolute.</summary>
    public string Root { get; } = root;

    /// <summary>Where an entry goes, relative to the root, and for a hard link, what it links to.</summary>
    public sealed record Placement(string Target, string? LinkTo);

    /// <summary>Checks the next entry, throwing <see cref="ArchiveEntryError"/> for one that may not be extracted.</summary>
    public void Check(TarEntry entry, Func<string, string> rename)
    {
        var raw = entry.Name;
        var name = Relative(rename(raw), raw);
        var type = entry.EntryType;
        if (name == ".")
        {
            if (type != TarEntryType.Directory) throw new ArchiveEntryError(raw, $"cannot overwrite directory \"{Root}\" with a non-directory");
            Placements.Add(null);
            return;
        }
        var target = Join(Resolve(CopyPaths.Dir(name), raw), CopyPaths.Base(name));
        var existing = Lookup(target);
        var full = Path.Join(Root, target);
        if (existing is DirectoryNode && type != TarEntryType.Directory)
            throw new ArchiveEntryError(raw, $"cannot overwrite directory \"{full}\" with a non-directory");
        if (existing is not (null or DirectoryNode) && type == TarEntryType.Directory)
            throw new ArchiveEntryError(raw, $"cannot overwrite non-directory \"{full}\" with a directory");
        string? linkTo = null;
        switch (type)
        {
            case TarEntryType.Directory:
                _state[target] = Dir;
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile or TarEntryType.Fifo:
                _state[target] = Regular;
                break;
            case TarEntryType.SymbolicLink:
                var link = entry.LinkName;
                // As docker's client: a relative link must stay inside; an absolute one is only a name until followed.
                if (!link.StartsWith('/') && Climbs(CopyPaths.Join(CopyPaths.Dir(target), link)))
                    throw new ArchiveEntryError(raw, $"symbolic link to \"{link}\" points outside of \"{Root}\"");
                _state[target] = new LinkNode(link);
                break;
            case TarEntryType.HardLink:
                var linked = Relative(rename(entry.LinkName), raw);
                linkTo = Join(Resolve(CopyPaths.Dir(linked), raw), CopyPaths.Base(linked));
                if (Lookup(linkTo) is not (FileNode or LinkNode))
                    throw new ArchiveEntryError(raw, $"hard link target \"{entry.LinkName}\" is not a file extracted with it");
                _state[target] = Regular;
                break;
            default:
                throw new ArchiveEntryError(raw, $"entries of type {type} are not extracted");
        }
        Placements.Add(new Placement(target, linkTo));
    }

    /// <summary>A name made relative and clean; absolute and climbing names are refused.</summary>
    private string Relative(string name, string raw)
    {
        if (name.StartsWith('/')) throw new ArchiveEntryError(raw, "absolute paths are not extracted");
        var clean = CopyPaths.Clean(name);
        if (Climbs(clean)) throw new ArchiveEntryError(raw, $"the path is outside of \"{Root}\"");
        return clean;
    }

    private static bool Climbs(string clean) => clean == ".." || clean.StartsWith("../", StringComparison.Ordinal);

    private static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "/" + name;

    /// <summary>A directory path with every symbolic link in it followed, relative to the root ("" for the root);
    /// leaving the root on the way is an error.</summary>
    private string Resolve(string directory, string raw)
    {
        var pending = new Stack<string>(directory.Split('/').Reverse());
        var resolved = new List<string>();
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (resolved.Count == 0) throw new ArchiveEntryError(raw, $"the path is outside of \"{Root}\"");
                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var candidate = Join(string.Join('/', resolved), part);
            if (Lookup(candidate) is not LinkNode link)
            {
                resolved.Add(part);
                continue;
            }
            var escape = new ArchiveEntryError(raw, $"it would be written through the symbolic link \"{candidate}\" to outside of \"{Root}\"");
            if (++hops > MaxLinkHops) throw new ArchiveEntryError(raw, "too many levels of symbolic links");
            var target = link.Target;
            if (target.StartsWith('/'))
            {
                var absolute = CopyPaths.Clean(target);
                if (Root != "/" && absolute != Root && !absolute.StartsWith(Root + "/", StringComparison.Ordinal)) throw escape;
                resolved.Clear();
                target = absolute[Root.Length..].TrimStart('/');
            }
            else if (Climbs(CopyPaths.Join(string.Join('/', resolved), target)))
                throw escape;
            foreach (var step in target.Split('/').Reverse()) pending.Push(step);
        }
        return string.Join('/', resolved);
    }

    /// <summary>What is at a root-relative path: what the archive put there so far, else what the disk holds.</summary>
    private Node? Lookup(string relative)
    {
        if (_state.TryGetValue(relative, out var node)) return node;
        var path = Path.Join(Root, relative);
        return HostPath.Lstat(path) switch
        {
            HostKind.Directory => Dir,
            HostKind.File => Regular,
            HostKind.Symlink => new LinkNode(HostPath.ReadLink(path) ?? ""),
            _ => null,
        };
    }
}

using System.Formats.Tar;

namespace Berth.Storage.Containers;

/// <summary>The checks dockerd's untar makes of each entry of a tar extracted into a container directory, with its
/// messages: a name must stay inside the destination (an absolute name counts from the destination, as dockerd
/// takes it), a relative symlink and a hardlink must point inside it. A name or hardlink climbing above the
/// destination is refused even where dockerd would quietly stop it at "/".</summary>
internal static class TarEntryCheck
{
    /// <summary>The container path entry lands on under destination (a cleaned container path).</summary>
    internal static string Target(TarEntry entry, string destination)
    {
        var joined = ContainerPath.Clean(destination + "/" + entry.Name);
        // Clean stops ".." at "/", so an escape shows as a path outside the destination.
        if (!IsInside(joined, destination) || HasParentStep(entry.Name, destination))
            throw ContainerArchiveException.BadTar($"\"{GoClean(entry.Name)}\" is outside of \"{destination}\"");
        switch (entry.EntryType)
        {
            case TarEntryType.SymbolicLink when !entry.LinkName.StartsWith('/'):
                var pointed = ContainerPath.Clean(ContainerPath.Split(joined).Dir + entry.LinkName);
                if (!IsInside(pointed, destination))
                    throw ContainerArchiveException.BadTar($"invalid symlink \"{joined}\" -> \"{entry.LinkName}\"");
                break;
            case TarEntryType.HardLink:
                var linked = ContainerPath.Clean(destination + "/" + entry.LinkName);
                if (!IsInside(linked, destination) || HasParentStep(entry.LinkName, destination))
                    throw ContainerArchiveException.BadTar($"invalid hardlink \"{linked}\" -> \"{entry.LinkName}\"");
                break;
        }
        return joined;
    }

    /// <summary>Whether path is destination or below it.</summary>
    internal static bool IsInside(string path, string destination)
        => destination == "/" || path == destination || path.StartsWith(destination + "/", StringComparison.Ordinal);

    // Clean clamps ".." at "/", which for a destination of "/" would hide an entry climbing above it.
    private static bool HasParentStep(string relative, string destination)
    {
        var depth = destination.Split('/', StringSplitOptions.RemoveEmptyEntries).Length;
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            depth += part == ".." ? -1 : 1;
            if (depth < 0) return true;
        }
        return false;
    }

    // Go's filepath.Clean of a relative name, as dockerd quotes it.
    private static string GoClean(string name)
    {
        if (name.StartsWith('/')) return ContainerPath.Clean(name);
        var parts = new List<string>();
        foreach (var part in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return parts.Count == 0 ? "." : string.Join('/', parts);
    }
}

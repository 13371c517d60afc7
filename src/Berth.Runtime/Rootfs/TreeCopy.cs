namespace Berth.Runtime.Rootfs;

/// <summary>Copies a directory tree with its symlinks and modes (for tmpcopyup).</summary>
internal static class TreeCopy
{
    /// <summary>Copies everything under source into destination.</summary>
    internal static void Copy(string source, string destination)
    {
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var to = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link) File.CreateSymbolicLink(to, link);
            else if (entry is DirectoryInfo dir)
            {
                Directory.CreateDirectory(to, dir.UnixFileMode);
                Copy(dir.FullName, to);
            }
            else File.Copy(entry.FullName, to);
        }
    }
}

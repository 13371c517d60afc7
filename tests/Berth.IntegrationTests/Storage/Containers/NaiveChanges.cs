using Berth.Storage.Interop;

namespace Berth.IntegrationTests.Storage.Containers;

/// <summary>dockerd's naive diff written out plainly: walk both mounted trees and compare what lstat says. The
/// oracle the upper-dir walk must agree with (as sets: dockerd's own order follows Go map iteration).</summary>
internal static class NaiveChanges
{
    internal static List<string> Of(string before, string after)
    {
        var changes = new List<string>();
        Compare(before, after, "", changes);
        return changes;
    }

    private static bool Compare(string before, string after, string path, List<string> changes)
    {
        var start = changes.Count;
        var old = Names(before);
        foreach (var name in Names(after))
        {
            var a = Fs.Lstat(Path.Combine(after, name))!.Value;
            var child = path + "/" + name;
            var b = old.Remove(name) ? Fs.Lstat(Path.Combine(before, name)) : null;
            var reported = true;
            if (b is null) changes.Add("A " + child);
            else if (Differs(b.Value, a)) changes.Add("C " + child);
            else reported = false;
            if (!a.IsDirectory) continue;
            var inner = changes.Count;
            if (b is { IsDirectory: true })
                Compare(Path.Combine(before, name), Path.Combine(after, name), child, changes);
            else
                AddAll(Path.Combine(after, name), child, changes);
            if (!reported && changes.Count > inner) changes.Insert(inner, "C " + child);
        }
        foreach (var name in old) changes.Add("D " + path + "/" + name);
        return changes.Count > start;
    }

    private static void AddAll(string dir, string path, List<string> changes)
    {
        foreach (var name in Names(dir))
        {
            changes.Add("A " + path + "/" + name);
            if (Fs.Lstat(Path.Combine(dir, name)) is { IsDirectory: true }) AddAll(Path.Combine(dir, name), path + "/" + name, changes);
        }
    }

    private static bool Differs(FileStat b, FileStat a)
        => b.Mode != a.Mode || b.Uid != a.Uid || b.Gid != a.Gid || b.RdevMajor != a.RdevMajor || b.RdevMinor != a.RdevMinor
           || (!a.IsDirectory && (b.Size != a.Size || b.ModifiedTime != a.ModifiedTime));

    private static HashSet<string> Names(string dir)
        => Directory.EnumerateFileSystemEntries(dir).Select(p => Path.GetFileName(p)).ToHashSet(StringComparer.Ordinal);
}

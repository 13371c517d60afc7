using System.Text;

namespace Berth.CompatibilityTests.Harness;

/// <summary>Finds and detaches mounts under a directory, so that removing the directory cannot reach beyond it.</summary>
public static class HostMounts
{
    /// <summary>Mount points at or below <paramref name="directory"/>, deepest first.</summary>
    public static IReadOnlyList<string> Under(string directory)
    {
        var root = directory.TrimEnd('/');
        return File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => Unescape(line.Split(' ')[4]))
            .Where(point => point == root || point.StartsWith(root + "/", StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(point => point.Length)
            .ToList();
    }

    /// <summary>Lazily unmounts everything at or below <paramref name="directory"/>, repeating for stacked mounts.</summary>
    public static void DetachAllUnder(string directory)
    {
        for (var round = 0; round < 10; round++)
        {
            var points = Under(directory);
            if (points.Count == 0) return;
            foreach (var point in points) HostLibc.Umount2(point, HostLibc.MNT_DETACH);
        }
    }

    /// <summary>Removes a directory tree after detaching its mounts; never follows into another file system.</summary>
    public static async Task RemoveTreeAsync(string directory)
    {
        if (!Directory.Exists(directory)) return;
        DetachAllUnder(directory);
        // rm's --one-file-system refuses to cross into anything still mounted below, unlike Directory.Delete.
        await ProcessRunner.RunAsync("rm", ["-rf", "--one-file-system", directory], TimeSpan.FromSeconds(60));
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo octal.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field.AsSpan(i + 1, 3)))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }

    private static bool IsOctal(ReadOnlySpan<char> digits)
    {
        foreach (var c in digits)
            if (c is < '0' or > '7') return false;
        return true;
    }
}

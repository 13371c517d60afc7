namespace Berth.Daemon.Containers.Runtime;

/// <summary>Finds Berth's companion programs: beside the berthd launcher (artifacts/bin, or /usr/local/bin when
/// installed), then on PATH.</summary>
public static class Executables
{
    /// <summary>The full path of the program, or a 500 error naming what was searched.</summary>
    public static string Find(string name)
        => TryFind(name) ?? throw new Errors.ServerError($"{name} not found beside berthd or on PATH");

    /// <summary>The full path of the program, or null when it is nowhere to be found.</summary>
    public static string? TryFind(string name)
    {
        var candidates = new List<string>
        {
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "bin", name)),
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "bin", name)),
        };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
            candidates.Add(Path.Combine(dir, name));
        return candidates.FirstOrDefault(File.Exists);
    }
}

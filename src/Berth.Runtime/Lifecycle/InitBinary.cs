namespace Berth.Runtime.Lifecycle;

/// <summary>Where the container init executable is: this very binary when running as berth-runtime, otherwise
/// (a host process linking the runtime library) the berth-runtime found next to it or on PATH.</summary>
internal static class InitBinary
{
    private static string? _path;

    /// <summary>The path to spawn for `berth-runtime init`.</summary>
    internal static string Path => _path ??= Locate();

    private static string Locate()
    {
        if (System.IO.Path.GetFileName(Environment.ProcessPath) == "berth-runtime") return "/proc/self/exe";
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("BERTH_RUNTIME") is { Length: > 0 } configured) candidates.Add(configured);
        candidates.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "berth-runtime"));
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            candidates.Add(System.IO.Path.Combine(dir, "berth-runtime"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new RuntimeException("berth-runtime executable not found (set BERTH_RUNTIME)");
    }
}

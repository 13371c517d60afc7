namespace Berth.Runtime.Lifecycle;

/// <summary>Where the container init executable is: this very binary when running as berth-runtime, otherwise
/// (a host process linking the runtime library) the berth-runtime found next to it or on PATH.</summary>
internal static class InitBinary
{
    private static string? _file;

    /// <summary>The path to spawn for `berth-runtime init`: /proc/self/exe when we are berth-runtime, so that
    /// the init is exactly the binary that prepared it.</summary>
    internal static string Path => IsSelf ? "/proc/self/exe" : FilePath;

    /// <summary>The berth-runtime executable's real path, for programs other than ourselves to start.</summary>
    internal static string FilePath => _file ??= Locate();

    /// <summary>The environment of an init whose sync socket is syncFd, with extra variables; phase tracing carries over.</summary>
    internal static string[] Environment(int syncFd, params string[] extra)
        => System.Environment.GetEnvironmentVariable("BERTH_TRACE_PHASES") != null
            ? [$"_BERTH_SYNC_FD={syncFd}", "BERTH_TRACE_PHASES=1", .. extra] : [$"_BERTH_SYNC_FD={syncFd}", .. extra];

    private static bool IsSelf => System.IO.Path.GetFileName(System.Environment.ProcessPath) == "berth-runtime";

    private static string Locate()
    {
        if (IsSelf) return System.Environment.ProcessPath!;
        var candidates = new List<string>();
        if (System.Environment.GetEnvironmentVariable("BERTH_RUNTIME") is { Length: > 0 } configured) candidates.Add(configured);
        candidates.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "berth-runtime"));
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            candidates.Add(System.IO.Path.Combine(dir, "berth-runtime"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new RuntimeException("berth-runtime executable not found (set BERTH_RUNTIME)");
    }
}

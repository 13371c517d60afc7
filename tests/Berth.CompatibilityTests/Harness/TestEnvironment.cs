namespace Berth.CompatibilityTests.Harness;

/// <summary>Where the tests find the repository, the shared test images and Berth's binaries (from the environment).</summary>
public static class TestEnvironment
{
    /// <summary>The repository root: the nearest ancestor of the test binaries holding Berth.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>BERTH_IMAGES_DIR, or ../shared/images next to the repository.</summary>
    public static string ImagesDirectory =>
        System.Environment.GetEnvironmentVariable("BERTH_IMAGES_DIR") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "images"));

    /// <summary>
    /// The berth-runtime to test: BERTH_COMPAT_RUNTIME_PATH (any runc-compatible binary; set it to runc to check
    /// the harness itself), else BERTH_BIN_DIR/berth-runtime, else berth-runtime on PATH; null if none exists.
    /// </summary>
    public static string? BerthRuntimePath
    {
        get
        {
            if (System.Environment.GetEnvironmentVariable("BERTH_COMPAT_RUNTIME_PATH") is { Length: > 0 } overridden)
                return overridden.Contains('/')
                    ? File.Exists(overridden) ? Path.GetFullPath(overridden) : null
                    : FindOnPath(overridden);
            if (System.Environment.GetEnvironmentVariable("BERTH_BIN_DIR") is { Length: > 0 } binDirectory)
            {
                var built = Path.GetFullPath(Path.Combine(binDirectory, "berth-runtime"));
                return File.Exists(built) ? built : null;
            }
            return FindOnPath("berth-runtime");
        }
    }

    /// <summary>A file to which every berth runtime invocation's argv is appended (BERTH_COMPAT_TRACE), or null.</summary>
    public static string? RuntimeTraceFile =>
        System.Environment.GetEnvironmentVariable("BERTH_COMPAT_TRACE") is { Length: > 0 } trace ? Path.GetFullPath(trace) : null;

    /// <summary>The first executable called <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Berth.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException($"no Berth.slnx above {AppContext.BaseDirectory}");
    }
}

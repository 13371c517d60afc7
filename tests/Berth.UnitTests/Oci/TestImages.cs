namespace Berth.UnitTests.Oci;

/// <summary>Finds the shared test images: $BERTH_IMAGES_DIR, else ../shared/images beside the repository root.</summary>
internal static class TestImages
{
    public static string Directory
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("BERTH_IMAGES_DIR");
            if (!string.IsNullOrEmpty(fromEnv))
                return System.IO.Directory.Exists(fromEnv)
                    ? fromEnv
                    : throw new InvalidOperationException($"BERTH_IMAGES_DIR={fromEnv} does not exist");
            var root = RepositoryRoot();
            var fallback = Path.GetFullPath(Path.Combine(root, "..", "shared", "images"));
            // A missing image set must fail the test, not skip it: these tests are the only check of real images.
            return System.IO.Directory.Exists(fallback)
                ? fallback
                : throw new InvalidOperationException($"test images not found: set BERTH_IMAGES_DIR or provide {fallback}");
        }
    }

    /// <summary>The busybox OCI layout.</summary>
    public static string BusyboxOci => Require(Path.Combine(Directory, "busybox-1.37-oci"));

    private static string Require(string path)
        => System.IO.Directory.Exists(path) ? path : throw new InvalidOperationException($"test image missing: {path}");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Berth.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no Berth.slnx above {AppContext.BaseDirectory}");
    }
}

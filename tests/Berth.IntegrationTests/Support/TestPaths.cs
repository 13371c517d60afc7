namespace Berth.IntegrationTests.Support;

/// <summary>Where the tests find Berth's binaries and the shared test images.</summary>
internal static class TestPaths
{
    /// <summary>The repository root (the folder holding Berth.slnx).</summary>
    internal static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Berth.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    /// <summary>The berth-runtime binary: $BERTH_BIN_DIR, then artifacts/bin, then PATH.</summary>
    internal static string RuntimeBinary
    {
        get
        {
            var candidates = new List<string>();
            if (Environment.GetEnvironmentVariable("BERTH_BIN_DIR") is { Length: > 0 } bin) candidates.Add(Path.Combine(bin, "berth-runtime"));
            candidates.Add(Path.Combine(RepositoryRoot, "artifacts", "bin", "berth-runtime"));
            candidates.Add("/usr/local/bin/berth-runtime");
            return candidates.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("berth-runtime not built: run scripts/build.sh (or set BERTH_BIN_DIR)");
        }
    }

    /// <summary>The berth CLI (NativeAOT): $BERTH_BIN_DIR, then artifacts/bin, then /usr/local/bin.</summary>
    internal static string CliBinary => Binary("berth");

    /// <summary>The berthd launcher: $BERTH_BIN_DIR, then artifacts/bin, then /usr/local/bin.</summary>
    internal static string DaemonBinary => Binary("berthd");

    /// <summary>A peer docker CLI; a test that needs one fails (never passes) when it is missing.</summary>
    internal static string PeerBinary(string path)
        => File.Exists(path) ? path : throw new InvalidOperationException($"peer {path} is missing: run scripts/install-deps.sh (docker.io) or install docker 28.x");

    private static string Binary(string name)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("BERTH_BIN_DIR") is { Length: > 0 } bin) candidates.Add(Path.Combine(bin, name));
        candidates.Add(Path.Combine(RepositoryRoot, "artifacts", "bin", name));
        candidates.Add(Path.Combine("/usr/local/bin", name));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} not built: run scripts/build.sh (or set BERTH_BIN_DIR)");
    }

    /// <summary>The shared images folder: $BERTH_IMAGES_DIR or ../shared/images beside the repository.</summary>
    internal static string ImagesDir
        => Environment.GetEnvironmentVariable("BERTH_IMAGES_DIR") is { Length: > 0 } d
            ? d : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "images"));

    /// <summary>The official Alpine 3.20 minirootfs tarball.</summary>
    internal static string AlpineTarball => Path.Combine(ImagesDir, "alpine-3.20", "alpine-minirootfs-3.20.3-x86_64.tar.gz");
}

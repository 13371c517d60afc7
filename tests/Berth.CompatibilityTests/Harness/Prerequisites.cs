namespace Berth.CompatibilityTests.Harness;

/// <summary>Makes sure the peer programs the tests drive are installed, installing Debian packages when not.</summary>
public static class Prerequisites
{
    private static readonly (string Path, string Package)[] Required =
    [
        ("/usr/sbin/dockerd", "docker.io"),
        ("/usr/bin/docker", "docker.io"),
        ("/usr/bin/containerd", "containerd"),
        ("/usr/bin/containerd-shim-runc-v2", "containerd"),
        ("/usr/sbin/runc", "runc"),
        ("/usr/bin/script", "bsdextrautils"),
        ("/usr/bin/tmux", "tmux"),
        // docker-py for Debian's own python (the python3 on PATH may be another one).
        ("/usr/bin/python3", "python3-docker"),
        ("/usr/lib/python3/dist-packages/docker/__init__.py", "python3-docker"),
    ];

    /// <summary>Installs (apt-get) the packages of any missing program; throws if they still are missing.</summary>
    public static async Task EnsureInstalledAsync()
    {
        var missing = Required.Where(r => !File.Exists(r.Path)).Select(r => r.Package).Distinct().ToList();
        if (missing.Count == 0) return;

        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        var timeout = TimeSpan.FromMinutes(10);
        string[] install = ["install", "-y", "-q", "--no-install-recommends", .. missing];
        var result = await ProcessRunner.RunAsync("apt-get", install, timeout, environment);
        if (!result.Succeeded)
        {
            // A fresh machine may have no package lists yet.
            await ProcessRunner.RunAsync("apt-get", ["update", "-q"], timeout, environment);
            result = await ProcessRunner.RunAsync("apt-get", install, timeout, environment);
        }

        var stillMissing = Required.Where(r => !File.Exists(r.Path)).Select(r => r.Path).ToList();
        if (stillMissing.Count > 0)
            throw new InvalidOperationException(
                $"missing {string.Join(", ", stillMissing)} after installing {string.Join(' ', missing)}:\n{result.Describe()}");
    }
}

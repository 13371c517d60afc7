namespace Berth.IntegrationTests.Support;

/// <summary>The Alpine minirootfs unpacked once per test run; bundles get their own copy to write into.</summary>
internal static class AlpineRootfs
{
    private static readonly Lazy<string> Pristine = new(Unpack);

    /// <summary>A fresh, writable copy of the Alpine root filesystem at target.</summary>
    internal static void CopyTo(string target)
    {
        Directory.CreateDirectory(target);
        var r = Command.Run("cp", ["-a", Pristine.Value + "/.", target]);
        if (r.ExitCode != 0) throw new InvalidOperationException($"copy rootfs: {r}");
    }

    private static string Unpack()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"berth-alpine-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var r = Command.Run("tar", ["-xzf", TestPaths.AlpineTarball, "-C", dir]);
        if (r.ExitCode != 0) throw new InvalidOperationException($"unpack alpine: {r}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        return dir;
    }
}

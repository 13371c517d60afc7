namespace Berth.IntegrationTests.Support;

/// <summary>What a test daemon leaves when it goes: containers (which outlive berthd by design), the monitor that
/// owns them, and root filesystem mounts under its folder. Removed so that tests leave the machine as they found it.</summary>
internal static class DaemonLeftovers
{
    /// <summary>Kills the folder's containers and monitor and unmounts everything under it.</summary>
    internal static void Clean(string dir)
    {
        var runtimeRoot = Path.Combine(dir, "exec", "runtime");
        if (Directory.Exists(runtimeRoot))
            foreach (var state in Directory.GetDirectories(runtimeRoot))
                Command.Run(TestPaths.RuntimeBinary, ["--root", runtimeRoot, "delete", "--force", Path.GetFileName(state)]);
        // The monitor runs detached (its parent is init), so it is found by its command line.
        var execRoot = Path.Combine(dir, "exec");
        foreach (var proc in Directory.GetDirectories("/proc").Where(p => int.TryParse(Path.GetFileName(p), out _)))
        {
            string[] argv;
            try { argv = File.ReadAllText(Path.Combine(proc, "cmdline")).Split('\0'); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (argv.Length > 0 && argv[0].EndsWith("berth-monitor", StringComparison.Ordinal) && argv.Contains(execRoot))
                Command.Run("kill", ["-9", Path.GetFileName(proc)]);
        }
        var mounts = File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4])
            .Where(m => m.StartsWith(dir + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length);
        foreach (var m in mounts) Command.Run("umount", ["-l", m]);
    }
}

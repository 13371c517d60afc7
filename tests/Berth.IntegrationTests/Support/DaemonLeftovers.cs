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
        var monitorPid = Path.Combine(dir, "exec", "monitor.pid");
        if (File.Exists(monitorPid) && int.TryParse(File.ReadAllText(monitorPid).Trim(), out var pid))
            Command.Run("kill", ["-9", pid.ToString()]);
        var mounts = File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4])
            .Where(m => m.StartsWith(dir + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length);
        foreach (var m in mounts) Command.Run("umount", ["-l", m]);
    }
}

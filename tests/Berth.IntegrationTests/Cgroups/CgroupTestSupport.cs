using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups;
using Berth.Runtime.Cgroups.Devices;

namespace Berth.IntegrationTests.Cgroups;

/// <summary>Shared pieces of the real-kernel cgroup tests.</summary>
internal static class CgroupTestSupport
{
    /// <summary>A fresh top-level cgroup path, unique per test.</summary>
    public static string UniquePath() => "/berth-test-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>deny-all, then /dev/zero only (not /dev/null), so a script can show both verdicts.</summary>
    public static List<LinuxDeviceCgroup> ZeroOnlyDevices() =>
    [
        new() { Allow = false, Access = "rwm" },
        new() { Allow = true, Type = "c", Major = 1, Minor = 5, Access = "rwm" },
    ];

    /// <summary>Opening /dev/null must fail and reading /dev/zero must work.</summary>
    public const string DeviceProbeScript =
        "if echo x > /dev/null; then echo null-open; else echo null-denied; fi; echo zero-bytes=$(head -c 4 /dev/zero | wc -c)";

    /// <summary>The default runc-style rules (deny-all plus the standard devices).</summary>
    public static List<LinuxDeviceCgroup> DockerDevices() => [new() { Allow = false, Access = "rwm" }, .. DefaultDeviceRules.Create()];

    /// <summary>Destroys the cgroup after killing what is left in it, ignoring errors (cleanup path).</summary>
    public static void CleanUp(ICgroup cgroup, params ScriptProcess?[] processes)
    {
        foreach (var process in processes)
            process?.Dispose();
        try
        {
            if (cgroup.IsFrozen()) cgroup.Thaw();
        }
        catch (Exception)
        {
        }
        for (int attempt = 0; attempt < 3 && cgroup.Exists(); attempt++)
        {
            try
            {
                foreach (int pid in cgroup.GetPids())
                {
                    try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (Exception) { }
                }
                cgroup.Destroy();
            }
            catch (Exception)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>Waits until a file's size stops growing for a while (or grows, when expecting growth).</summary>
    public static long SizeAfter(string file, TimeSpan wait)
    {
        Thread.Sleep(wait);
        return new FileInfo(file).Length;
    }

    /// <summary>True once the file grows beyond size; false after ten seconds. A thawed ticker limited to part of
    /// one CPU, beside other tests, may take a while to write again.</summary>
    public static bool GrowsBeyond(string file, long size)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
            if (SizeAfter(file, TimeSpan.FromMilliseconds(100)) > size) return true;
        return false;
    }
}

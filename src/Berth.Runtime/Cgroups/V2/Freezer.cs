using System.Diagnostics;
using Berth.Runtime.Cgroups.Common;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>The v2 freezer, part of every non-root cgroup: write cgroup.freeze, then wait for "frozen" in cgroup.events to agree.</summary>
internal static class Freezer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Freezes the cgroup and waits until the kernel reports it frozen; thaws again if that never happens.</summary>
    public static void Freeze(CgroupDirectory directory)
    {
        Require(directory);
        directory.Write("cgroup.freeze", "1");
        if (WaitFor(directory, frozen: true)) return;
        directory.Write("cgroup.freeze", "0");
        throw new RuntimeException($"the cgroup {directory.Path} did not freeze within {Timeout.TotalSeconds:0} s; it was thawed again");
    }

    /// <summary>Thaws the cgroup and waits until the kernel reports it thawed.</summary>
    public static void Thaw(CgroupDirectory directory)
    {
        Require(directory);
        directory.Write("cgroup.freeze", "0");
        if (!WaitFor(directory, frozen: false))
            throw new RuntimeException($"the cgroup {directory.Path} did not thaw within {Timeout.TotalSeconds:0} s");
    }

    /// <summary>Whether cgroup.events says "frozen 1".</summary>
    public static bool IsFrozen(CgroupDirectory directory)
        => directory.Has("cgroup.events") && directory.ReadKeyedValues("cgroup.events").GetValueOrDefault("frozen") == 1;

    private static bool WaitFor(CgroupDirectory directory, bool frozen)
    {
        var clock = Stopwatch.StartNew();
        for (int attempt = 0; clock.Elapsed < Timeout; attempt++)
        {
            if (IsFrozen(directory) == frozen) return true;
            Thread.Sleep(attempt < 10 ? 1 : 10);
        }
        return IsFrozen(directory) == frozen;
    }

    private static void Require(CgroupDirectory directory)
    {
        if (!directory.Has("cgroup.freeze"))
            throw new RuntimeException($"{directory.FilePath("cgroup.freeze")} does not exist: the kernel is older than 5.2 or this is the root cgroup");
    }
}

using System.Diagnostics;
using Berth.Runtime.Cgroups.Common;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>
/// The v1 freezer: freezer.state FROZEN/THAWED. Freezing passes through FREEZING and can stall on tasks in
/// uninterruptible sleep, so it is polled, rewritten now and then, and undone if it never completes.
/// </summary>
internal static class Freezer
{
    private const string State = "freezer.state";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Freezes the cgroup and waits until the kernel reports FROZEN.</summary>
    public static void Freeze(CgroupDirectory directory)
    {
        var clock = Stopwatch.StartNew();
        for (int attempt = 0; clock.Elapsed < Timeout; attempt++)
        {
            // Writing FROZEN again nudges tasks that were forking or exiting while the freeze went round.
            if (attempt % 10 == 0)
                directory.Write(State, "FROZEN");
            string state = directory.Read(State).Trim();
            if (state == "FROZEN") return;
            if (state != "FREEZING" && state != "THAWED")
                throw new RuntimeException($"unexpected freezer state \"{state}\" in {directory.FilePath(State)}");
            Thread.Sleep(attempt < 10 ? 1 : 10);
        }
        Thaw(directory);
        throw new RuntimeException($"the cgroup {directory.Path} did not freeze within {Timeout.TotalSeconds:0} s (some task may be stuck in the kernel); it was thawed again");
    }

    /// <summary>Thaws the cgroup and waits until the kernel reports THAWED.</summary>
    public static void Thaw(CgroupDirectory directory)
    {
        var clock = Stopwatch.StartNew();
        directory.Write(State, "THAWED");
        while (directory.Read(State).Trim() != "THAWED")
        {
            if (clock.Elapsed > Timeout)
                throw new RuntimeException($"the cgroup {directory.Path} did not thaw within {Timeout.TotalSeconds:0} s");
            directory.Write(State, "THAWED");
            Thread.Sleep(1);
        }
    }

    /// <summary>Whether the cgroup is fully frozen (FREEZING counts as not yet).</summary>
    public static bool IsFrozen(CgroupDirectory directory)
        => directory.Has(State) && directory.Read(State).Trim() == "FROZEN";
}

using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>A CPU scheduling policy with its parameters (sched_setattr); it belongs to the calling thread and is
/// inherited on fork unless SCHED_FLAG_RESET_ON_FORK is set.</summary>
/// <remarks>Real-time and deadline policies and negative nice values need CAP_SYS_NICE: apply before the capabilities
/// are reduced.</remarks>
public sealed record SchedulingAttributes(int Policy, int Nice, int Priority, ulong Flags, ulong Runtime, ulong Deadline, ulong Period)
{
    // linux/sched.h; SCHED_ISO is reserved but the kernel has never implemented it.
    private static readonly (string Name, int Value)[] Policies =
    [
        ("SCHED_OTHER", 0), ("SCHED_FIFO", 1), ("SCHED_RR", 2), ("SCHED_BATCH", 3), ("SCHED_ISO", 4),
        ("SCHED_IDLE", 5), ("SCHED_DEADLINE", 6),
    ];

    private static readonly (string Name, ulong Value)[] FlagNames =
    [
        ("SCHED_FLAG_RESET_ON_FORK", 0x01), ("SCHED_FLAG_RECLAIM", 0x02), ("SCHED_FLAG_DL_OVERRUN", 0x04),
        ("SCHED_FLAG_KEEP_POLICY", 0x08), ("SCHED_FLAG_KEEP_PARAMS", 0x10), ("SCHED_FLAG_UTIL_CLAMP_MIN", 0x20),
        ("SCHED_FLAG_UTIL_CLAMP_MAX", 0x40),
    ];

    private const int Fifo = 1, RoundRobin = 2, Iso = 4, DeadlinePolicy = 6;
    private const ulong UtilClamp = 0x20 | 0x40;
    private const ulong MinDeadlineRuntime = 1024; // 1 << DL_SCALE ns, the kernel's smallest budget
    private const uint AttrSizeVer0 = 48;

    /// <summary>Validates an OCI scheduler the way the kernel will judge it, so a bad one fails at create.</summary>
    public static SchedulingAttributes FromOci(Scheduler scheduler)
    {
        if (string.IsNullOrEmpty(scheduler.Policy))
            throw new RuntimeException("process.scheduler: policy is required");
        var policy = -1;
        foreach (var (name, value) in Policies)
        {
            if (name == scheduler.Policy)
                policy = value;
        }
        if (policy < 0)
            throw new RuntimeException($"process.scheduler: unknown policy \"{scheduler.Policy}\"");
        if (policy == Iso)
            throw new RuntimeException("process.scheduler: SCHED_ISO is not implemented by Linux");
        if (scheduler.Nice is < -20 or > 19)
            throw new RuntimeException($"process.scheduler: nice {scheduler.Nice} is outside -20..19");

        var realTime = policy is Fifo or RoundRobin;
        if (realTime && scheduler.Priority is < 1 or > 99)
            throw new RuntimeException($"process.scheduler: priority {scheduler.Priority} is outside 1..99 for {scheduler.Policy}");
        if (!realTime && scheduler.Priority != 0)
            throw new RuntimeException($"process.scheduler: priority is only for SCHED_FIFO and SCHED_RR, not {scheduler.Policy}");

        if (policy == DeadlinePolicy)
            CheckDeadline(scheduler.Runtime, scheduler.Deadline, scheduler.Period);
        else if (scheduler.Runtime != 0 || scheduler.Deadline != 0 || scheduler.Period != 0)
            throw new RuntimeException($"process.scheduler: runtime, deadline and period are only for SCHED_DEADLINE, not {scheduler.Policy}");

        var flags = 0UL;
        foreach (var flag in scheduler.Flags ?? [])
        {
            var value = 0UL;
            foreach (var (name, bit) in FlagNames)
            {
                if (name == flag)
                    value = bit;
            }
            if (value == 0)
                throw new RuntimeException($"process.scheduler: unknown flag \"{flag}\"");
            // The clamp flags take utilization values (sched_util_min/max) the OCI spec does not carry; without them
            // the kernel would clamp to 0.
            if ((value & UtilClamp) != 0)
                throw new RuntimeException($"process.scheduler: {flag} needs a utilization value the OCI scheduler does not carry");
            flags |= value;
        }
        return new SchedulingAttributes(policy, scheduler.Nice, scheduler.Priority, flags,
            scheduler.Runtime, scheduler.Deadline, scheduler.Period);
    }

    private static void CheckDeadline(ulong runtime, ulong deadline, ulong period)
    {
        if (deadline == 0)
            throw new RuntimeException("process.scheduler: SCHED_DEADLINE needs a deadline");
        if (runtime < MinDeadlineRuntime)
            throw new RuntimeException($"process.scheduler: runtime {runtime} ns is below the kernel's minimum of {MinDeadlineRuntime} ns");
        if ((deadline | period) >= 1UL << 63)
            throw new RuntimeException("process.scheduler: deadline and period must be below 2^63 ns");
        if (runtime > deadline)
            throw new RuntimeException($"process.scheduler: runtime {runtime} is above deadline {deadline}");
        if (period != 0 && deadline > period)
            throw new RuntimeException($"process.scheduler: deadline {deadline} is above period {period}");
    }

    /// <summary>Sets the calling thread's scheduling policy and parameters.</summary>
    public unsafe void Apply()
    {
        var attr = new SchedAttr
        {
            Size = AttrSizeVer0,
            Policy = (uint)Policy,
            Flags = Flags,
            Nice = Nice,
            Priority = (uint)Priority,
            Runtime = Runtime,
            Deadline = Deadline,
            Period = Period,
        };
        if (Libc.syscall(Sys.SchedSetAttr, 0, (long)&attr, 0, 0, 0, 0) == -1)
            throw Libc.Error($"setting scheduler policy {PolicyName(Policy)}");
    }

    /// <summary>The OCI name of a policy number (SCHED_OTHER for 0).</summary>
    public static string PolicyName(int policy)
    {
        foreach (var (name, value) in Policies)
        {
            if (value == policy)
                return name;
        }
        return $"policy {policy}";
    }
}

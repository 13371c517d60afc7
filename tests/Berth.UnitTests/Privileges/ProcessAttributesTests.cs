using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.UnitTests.Privileges;

public class ProcessAttributesTests
{
    [Theory]
    [InlineData("LINUX", 0x0u)]
    [InlineData("LINUX32", 0x8u)]
    public void Personality_MapsDomains(string domain, uint value)
        => Assert.Equal(value, Personality.FromOci(new LinuxPersonality { Domain = domain }).Value);

    [Fact]
    public void Personality_AddsKernelFlags()
        => Assert.Equal(0x8u | 0x0040000u,
            Personality.FromOci(new LinuxPersonality { Domain = "LINUX32", Flags = ["ADDR_NO_RANDOMIZE"] }).Value);

    [Theory]
    [InlineData("LINUX64")]
    [InlineData("")]
    [InlineData("linux")]
    public void Personality_RejectsUnknownDomain(string domain)
    {
        var error = Assert.Throws<RuntimeException>(() => Personality.FromOci(new LinuxPersonality { Domain = domain }));
        Assert.Equal($"linux.personality: unknown domain \"{domain}\" (expected LINUX or LINUX32)", error.Message);
    }

    [Fact]
    public void Personality_RejectsUnknownFlag()
    {
        var error = Assert.Throws<RuntimeException>(() =>
            Personality.FromOci(new LinuxPersonality { Domain = "LINUX", Flags = ["FAST"] }));
        Assert.Equal("linux.personality: unknown flag \"FAST\"", error.Message);
    }

    [Theory]
    [InlineData(-1000)]
    [InlineData(0)]
    [InlineData(1000)]
    public void OomScore_AcceptsTheKernelsRange(int value) => Assert.Equal(value, OomScore.FromOci(value).Adjustment);

    [Theory]
    [InlineData(-1001)]
    [InlineData(1001)]
    public void OomScore_RejectsValuesOutsideTheRange(int value)
    {
        var error = Assert.Throws<RuntimeException>(() => OomScore.FromOci(value));
        Assert.Equal($"process.oomScoreAdj: {value} is outside -1000..1000", error.Message);
    }

    [Theory]
    [InlineData("IOPRIO_CLASS_RT", 0, (1 << 13) | 0)]
    [InlineData("IOPRIO_CLASS_BE", 4, (2 << 13) | 4)]
    [InlineData("IOPRIO_CLASS_IDLE", 7, (3 << 13) | 7)]
    public void IoPriority_CombinesClassAndLevel(string ioClass, int priority, int kernelValue)
        => Assert.Equal(kernelValue, IoPriorityValue.FromOci(new IoPriority { Class = ioClass, Priority = priority }).KernelValue);

    [Fact]
    public void IoPriority_RejectsUnknownClass()
    {
        var error = Assert.Throws<RuntimeException>(() => IoPriorityValue.FromOci(new IoPriority { Class = "IOPRIO_CLASS_NONE" }));
        Assert.Equal("process.ioPriority: unknown class \"IOPRIO_CLASS_NONE\" " +
                     "(expected IOPRIO_CLASS_RT, IOPRIO_CLASS_BE or IOPRIO_CLASS_IDLE)", error.Message);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void IoPriority_RejectsLevelOutsideZeroToSeven(int priority)
    {
        var error = Assert.Throws<RuntimeException>(() =>
            IoPriorityValue.FromOci(new IoPriority { Class = "IOPRIO_CLASS_BE", Priority = priority }));
        Assert.Equal($"process.ioPriority: priority {priority} is outside 0..7", error.Message);
    }

    [Theory]
    [InlineData("SCHED_OTHER", 0)]
    [InlineData("SCHED_FIFO", 1)]
    [InlineData("SCHED_RR", 2)]
    [InlineData("SCHED_BATCH", 3)]
    [InlineData("SCHED_IDLE", 5)]
    [InlineData("SCHED_DEADLINE", 6)]
    public void Scheduler_MapsPolicies(string policy, int number)
    {
        var scheduler = new Scheduler { Policy = policy };
        if (number is 1 or 2)
            scheduler.Priority = 10;
        if (number == 6)
            (scheduler.Runtime, scheduler.Deadline, scheduler.Period) = (10_000_000, 30_000_000, 100_000_000);
        var attributes = SchedulingAttributes.FromOci(scheduler);
        Assert.Equal(number, attributes.Policy);
        Assert.Equal(policy, SchedulingAttributes.PolicyName(number));
    }

    [Fact]
    public void Scheduler_KeepsNiceAndFlags()
    {
        var attributes = SchedulingAttributes.FromOci(new Scheduler
        {
            Policy = "SCHED_BATCH", Nice = -5, Flags = ["SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_KEEP_PARAMS"],
        });
        Assert.Equal(-5, attributes.Nice);
        Assert.Equal(0x01UL | 0x10UL, attributes.Flags);
    }

    [Theory]
    [InlineData("SCHED_WHATEVER", 0, 0, "process.scheduler: unknown policy \"SCHED_WHATEVER\"")]
    [InlineData("", 0, 0, "process.scheduler: policy is required")]
    [InlineData("SCHED_ISO", 0, 0, "process.scheduler: SCHED_ISO is not implemented by Linux")]
    [InlineData("SCHED_OTHER", 20, 0, "process.scheduler: nice 20 is outside -20..19")]
    [InlineData("SCHED_OTHER", -21, 0, "process.scheduler: nice -21 is outside -20..19")]
    [InlineData("SCHED_FIFO", 0, 0, "process.scheduler: priority 0 is outside 1..99 for SCHED_FIFO")]
    [InlineData("SCHED_RR", 0, 100, "process.scheduler: priority 100 is outside 1..99 for SCHED_RR")]
    [InlineData("SCHED_BATCH", 0, 5, "process.scheduler: priority is only for SCHED_FIFO and SCHED_RR, not SCHED_BATCH")]
    public void Scheduler_RejectsWhatTheKernelWould(string policy, int nice, int priority, string message)
    {
        var error = Assert.Throws<RuntimeException>(() =>
            SchedulingAttributes.FromOci(new Scheduler { Policy = policy, Nice = nice, Priority = priority }));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(0UL, 0UL, 0UL, "process.scheduler: SCHED_DEADLINE needs a deadline")]
    [InlineData(100UL, 1000UL, 0UL, "process.scheduler: runtime 100 ns is below the kernel's minimum of 1024 ns")]
    [InlineData(20_000UL, 10_000UL, 0UL, "process.scheduler: runtime 20000 is above deadline 10000")]
    [InlineData(10_000UL, 30_000UL, 20_000UL, "process.scheduler: deadline 30000 is above period 20000")]
    public void Scheduler_RejectsInconsistentDeadlineParameters(ulong runtime, ulong deadline, ulong period, string message)
    {
        var error = Assert.Throws<RuntimeException>(() => SchedulingAttributes.FromOci(new Scheduler
        {
            Policy = "SCHED_DEADLINE", Runtime = runtime, Deadline = deadline, Period = period,
        }));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Scheduler_RejectsDeadlineParametersForOtherPolicies()
    {
        var error = Assert.Throws<RuntimeException>(() =>
            SchedulingAttributes.FromOci(new Scheduler { Policy = "SCHED_OTHER", Runtime = 1000 }));
        Assert.Equal("process.scheduler: runtime, deadline and period are only for SCHED_DEADLINE, not SCHED_OTHER", error.Message);
    }

    [Theory]
    [InlineData("SCHED_FLAG_TURBO", "process.scheduler: unknown flag \"SCHED_FLAG_TURBO\"")]
    [InlineData("SCHED_FLAG_UTIL_CLAMP_MAX",
        "process.scheduler: SCHED_FLAG_UTIL_CLAMP_MAX needs a utilization value the OCI scheduler does not carry")]
    public void Scheduler_RejectsUnusableFlags(string flag, string message)
    {
        var error = Assert.Throws<RuntimeException>(() =>
            SchedulingAttributes.FromOci(new Scheduler { Policy = "SCHED_OTHER", Flags = [flag] }));
        Assert.Equal(message, error.Message);
    }
}

using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.UnitTests.Privileges;

public class ProcessPrivilegesTests
{
    private static readonly HostCapabilities Host = HostCapabilities.Unrestricted(40);

    private static Process DockerLike() => new()
    {
        User = new User { Uid = 1000, Gid = 1000, AdditionalGids = [1000, 10] },
        Capabilities = new Capabilities
        {
            Bounding = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
            Effective = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
            Permitted = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
        },
        Rlimits = [new Rlimit { Type = "RLIMIT_NOFILE", Soft = 1024, Hard = 1024 }],
        NoNewPrivileges = true,
        OomScoreAdj = 100,
        IoPriority = new IoPriority { Class = "IOPRIO_CLASS_BE", Priority = 3 },
        Scheduler = new Scheduler { Policy = "SCHED_BATCH", Nice = 2 },
    };

    [Fact]
    public void Prepare_ValidatesEveryFieldIntoItsPart()
    {
        var prepared = ProcessPrivileges.Prepare(DockerLike(), new LinuxPersonality { Domain = "LINUX32" }, Host);

        Assert.Equal(1000u, prepared.Identity.Uid);
        Assert.Equal([1000u, 10u], prepared.Identity.AdditionalGids);
        Assert.Equal(CapabilityMask.Of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"), prepared.Capabilities.Permitted);
        Assert.Equal([new ResourceLimit(7, 1024, 1024)], prepared.ResourceLimits.Limits);
        Assert.True(prepared.NoNewPrivileges);
        Assert.Equal(new OomScore(100), prepared.OomScore);
        Assert.Equal(new IoPriorityValue(IoPriorityValue.BestEffort, 3), prepared.IoPriority);
        Assert.Equal(3, prepared.Scheduling!.Policy);
        Assert.Equal(new Personality(8), prepared.Personality);
        Assert.Empty(prepared.Warnings);
    }

    [Fact]
    public void Prepare_LeavesOutWhatTheSpecDoesNotSet()
    {
        var prepared = ProcessPrivileges.Prepare(new Process(), null, Host);
        Assert.Null(prepared.OomScore);
        Assert.Null(prepared.IoPriority);
        Assert.Null(prepared.Scheduling);
        Assert.Null(prepared.Personality);
        Assert.False(prepared.NoNewPrivileges);
        Assert.Empty(prepared.ResourceLimits.Limits);
        Assert.True(prepared.Capabilities.Permitted.IsEmpty);
        Assert.Equal(0u, prepared.Identity.Uid);
    }

    public static TheoryData<Action<Process>, string> BadSpecs => new()
    {
        { p => p.Capabilities!.Bounding!.Add("CAP_TELEPORT"), "process.capabilities.bounding: unknown capability \"CAP_TELEPORT\"" },
        { p => p.Rlimits!.Add(new Rlimit { Type = "RLIMIT_FOO" }), "process.rlimits: unknown rlimit type \"RLIMIT_FOO\"" },
        { p => p.Rlimits![0].Soft = 4096, "process.rlimits: RLIMIT_NOFILE soft limit 4096 is above its hard limit 1024" },
        { p => p.OomScoreAdj = 5000, "process.oomScoreAdj: 5000 is outside -1000..1000" },
        { p => p.IoPriority!.Priority = 9, "process.ioPriority: priority 9 is outside 0..7" },
        { p => p.Scheduler!.Policy = "SCHED_FAST", "process.scheduler: unknown policy \"SCHED_FAST\"" },
        { p => p.User.Umask = 0x400, "process.user.umask: 2000 (octal) is above 777" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Prepare_FailsWithOneLineNamingTheField(Action<Process> spoil, string message)
    {
        var process = DockerLike();
        spoil(process);
        var error = Assert.Throws<RuntimeException>(() => ProcessPrivileges.Prepare(process, null, Host));
        Assert.Equal(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Prepare_FailsOnUnknownPersonalityDomain()
    {
        var error = Assert.Throws<RuntimeException>(() =>
            ProcessPrivileges.Prepare(DockerLike(), new LinuxPersonality { Domain = "SVR4" }, Host));
        Assert.Equal("linux.personality: unknown domain \"SVR4\" (expected LINUX or LINUX32)", error.Message);
    }

    [Fact]
    public void Prepare_ReportsCapabilitiesItLeavesOutAsWarnings()
    {
        var process = DockerLike();
        process.Capabilities!.Bounding!.Add("CAP_CHECKPOINT_RESTORE");
        var prepared = ProcessPrivileges.Prepare(process, null, HostCapabilities.Unrestricted(39));
        Assert.Equal(["ignoring capabilities unknown to this kernel: CAP_CHECKPOINT_RESTORE"], prepared.Warnings);
        Assert.False(prepared.Capabilities.Bounding.Contains(40));
    }
}

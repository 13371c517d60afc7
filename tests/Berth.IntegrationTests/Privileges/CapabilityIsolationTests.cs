using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Privileges;

namespace Berth.IntegrationTests.Privileges;

/// <summary>Capabilities and credentials are per thread: the init's set-up must change only the thread that execs.</summary>
public class CapabilityIsolationTests
{
    private static Process NonRootSpec() => new()
    {
        User = new User { Uid = 1000, Gid = 1000, AdditionalGids = [1001, 1002] },
        Capabilities = new Capabilities
        {
            Bounding = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW"],
            Permitted = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
            Effective = ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"],
            Inheritable = ["CAP_NET_BIND_SERVICE"],
            Ambient = ["CAP_NET_BIND_SERVICE"],
        },
    };

    [Fact]
    public void ApplyUserAndCapabilities_SwitchesOnlyTheCallingThread()
    {
        var prepared = ProcessPrivileges.Prepare(NonRootSpec());
        var mainBefore = CapabilityState.ReadCurrentThread();
        string? statusOnThread = null;
        var keepCapsAfter = true;

        using var thread = DedicatedThread.Run(() =>
        {
            prepared.ApplyUserAndCapabilities();
            keepCapsAfter = KeepCapabilities.IsEnabled();
            statusOnThread = File.ReadAllText("/proc/thread-self/status");
        });
        thread.ThrowIfFailed();

        // The changed thread, as another thread of the process sees it.
        var changed = thread.Status();
        Assert.Equal("1000\t1000\t1000\t1000", ProcStatus.Field(changed, "Uid"));
        Assert.Equal("1000\t1000\t1000\t1000", ProcStatus.Field(changed, "Gid"));
        Assert.Equal("1001 1002", ProcStatus.Field(changed, "Groups"));
        var caps = CapabilityState.Parse(changed);
        Assert.Equal(CapabilityMask.Of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW"), caps.Bounding);
        Assert.Equal(CapabilityMask.Of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"), caps.Permitted);
        Assert.Equal(CapabilityMask.Of("CAP_CHOWN", "CAP_NET_BIND_SERVICE"), caps.Effective);
        Assert.Equal(CapabilityMask.Of("CAP_NET_BIND_SERVICE"), caps.Inheritable);
        Assert.Equal(CapabilityMask.Of("CAP_NET_BIND_SERVICE"), caps.Ambient);
        Assert.Equal(caps, CapabilityState.Parse(statusOnThread));
        Assert.False(keepCapsAfter);

        // Every other thread, the test's own and the process leader, keeps root and its capabilities.
        var main = File.ReadAllText("/proc/thread-self/status");
        Assert.Equal("0\t0\t0\t0", ProcStatus.Field(main, "Uid"));
        Assert.Equal("0\t0\t0\t0", ProcStatus.Field(main, "Gid"));
        Assert.Equal(mainBefore, CapabilityState.Parse(main));
        var leader = File.ReadAllText("/proc/self/status");
        Assert.Equal("0\t0\t0\t0", ProcStatus.Field(leader, "Uid"));
        Assert.Equal(mainBefore.Effective, CapabilityState.Parse(leader).Effective);
        Assert.NotEqual(mainBefore.Effective, caps.Effective);
    }

    [Fact]
    public void ApplyUserAndCapabilities_LeavesANonRootProgramItsAmbientCapabilitiesAfterExec()
    {
        var prepared = ProcessPrivileges.Prepare(NonRootSpec());
        ChildProcess? child = null;

        using var thread = DedicatedThread.Run(() =>
        {
            NoNewPrivileges.Apply();
            prepared.ApplyUserAndCapabilities();
            child = ChildProcess.StartSleep();
        });
        using var started = child;
        thread.ThrowIfFailed();

        // What the container's program would hold: execve of an ordinary file as uid 1000 keeps only the ambient set.
        var status = child!.ReadProc("status");
        Assert.Equal("1000\t1000\t1000\t1000", ProcStatus.Field(status, "Uid"));
        Assert.Equal("1001 1002", ProcStatus.Field(status, "Groups"));
        Assert.Equal("1", ProcStatus.Field(status, "NoNewPrivs"));
        var caps = CapabilityState.Parse(status);
        var ambient = CapabilityMask.Of("CAP_NET_BIND_SERVICE");
        Assert.Equal(ambient, caps.Ambient);
        Assert.Equal(ambient, caps.Permitted);
        Assert.Equal(ambient, caps.Effective);
        Assert.Equal(ambient, caps.Inheritable);
        Assert.Equal(CapabilityMask.Of("CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW"), caps.Bounding);
    }

    [Fact]
    public void ApplyUserAndCapabilities_GivesARootContainerExactlyItsSets()
    {
        string[] dockerDefaults =
        [
            "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
            "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
            "CAP_AUDIT_WRITE",
        ];
        var prepared = ProcessPrivileges.Prepare(new Process
        {
            Capabilities = new Capabilities
            {
                Bounding = [.. dockerDefaults], Effective = [.. dockerDefaults], Permitted = [.. dockerDefaults],
            },
        });

        using var thread = DedicatedThread.Run(prepared.ApplyUserAndCapabilities);
        thread.ThrowIfFailed();

        var status = thread.Status();
        var expected = CapabilityMask.Of(dockerDefaults);
        var caps = CapabilityState.Parse(status);
        Assert.Equal(expected, caps.Bounding);
        Assert.Equal(expected, caps.Permitted);
        Assert.Equal(expected, caps.Effective);
        Assert.True(caps.Inheritable.IsEmpty);
        Assert.True(caps.Ambient.IsEmpty);
        Assert.Equal("0\t0\t0\t0", ProcStatus.Field(status, "Uid"));
        Assert.Equal("", ProcStatus.Field(status, "Groups"));
    }

    [Fact]
    public void ApplyEffectivePermittedInheritable_NamesCapabilitiesTheThreadNoLongerHolds()
    {
        var small = ProcessPrivileges.Prepare(new Process
        {
            Capabilities = new Capabilities { Bounding = ["CAP_CHOWN"], Permitted = ["CAP_CHOWN"], Effective = ["CAP_CHOWN"] },
        });
        var larger = ProcessPrivileges.Prepare(new Process
        {
            Capabilities = new Capabilities { Permitted = ["CAP_CHOWN", "CAP_KILL"], Effective = ["CAP_CHOWN"] },
        });
        RuntimeException? error = null;

        using var thread = DedicatedThread.Run(() =>
        {
            small.ApplyUserAndCapabilities();
            error = Assert.Throws<RuntimeException>(larger.Capabilities.ApplyEffectivePermittedInheritable);
        });
        thread.ThrowIfFailed();

        Assert.Equal("setting capabilities (the process does not hold CAP_KILL): operation not permitted", error!.Message);
    }

    [Fact]
    public void HostCapabilities_ReadsTheKernelsLastCapAndTheBoundingSet()
    {
        var host = HostCapabilities.Current();
        Assert.Equal(int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim()), host.LastCap);
        Assert.Equal(host.LastCap, Capability.ReadKernelLast());
        Assert.Equal(CapabilityState.ReadCurrentThread().Bounding, host.Bounding);
    }

    [Fact]
    public void Prepare_WarnsAboutCapabilitiesThisHostCannotGrant()
    {
        var host = HostCapabilities.Current();
        var all = Enumerable.Range(0, Capability.Last + 1).Select(Capability.Name).ToList();
        var prepared = ProcessPrivileges.Prepare(new Process
        {
            Capabilities = new Capabilities { Bounding = [.. all], Effective = [.. all], Permitted = [.. all] },
        });

        var missing = CapabilityMask.UpTo(host.LastCap).Except(host.Bounding);
        Assert.Equal(CapabilityMask.UpTo(host.LastCap).Intersect(host.Bounding), prepared.Capabilities.Permitted);
        if (missing.IsEmpty)
            Assert.DoesNotContain(prepared.Warnings, w => w.Contains("bounding set"));
        else
            Assert.Contains($"ignoring capabilities outside the runtime's bounding set: {missing}", prepared.Warnings);
    }
}

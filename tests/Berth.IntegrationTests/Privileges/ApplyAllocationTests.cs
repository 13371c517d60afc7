using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Privileges;

namespace Berth.IntegrationTests.Privileges;

/// <summary>The Apply steps run in the init right before execve; all the work (parsing, validation, messages) belongs
/// in Prepare, so applying allocates nothing on success.</summary>
public class ApplyAllocationTests
{
    [Fact]
    public void ApplyingPreparedPrivileges_AllocatesNothing()
    {
        var nofile = ResourceLimits.Current("RLIMIT_NOFILE");
        var prepared = ProcessPrivileges.Prepare(new Process
        {
            User = new User { Uid = 1000, Gid = 1000, AdditionalGids = [1001], Umask = 0x12 },
            Capabilities = new Capabilities
            {
                Bounding = ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"],
                Permitted = ["CAP_CHOWN", "CAP_NET_BIND_SERVICE"],
                Effective = ["CAP_CHOWN"],
                Inheritable = ["CAP_NET_BIND_SERVICE"],
                Ambient = ["CAP_NET_BIND_SERVICE"],
            },
            // The per-process parts are set to what this process already has, so the test host is left as it was.
            Rlimits = [new Rlimit { Type = "RLIMIT_NOFILE", Soft = nofile.Soft, Hard = nofile.Hard }],
            OomScoreAdj = OomScore.Read(Environment.ProcessId).Adjustment,
            NoNewPrivileges = true,
            Scheduler = new Scheduler { Policy = "SCHED_BATCH", Nice = 1 },
            IoPriority = new IoPriority { Class = "IOPRIO_CLASS_BE", Priority = 5 },
        }, new LinuxPersonality { Domain = "LINUX" });
        var allocated = -1L;

        using var thread = DedicatedThread.Run(() =>
        {
            // A first call under the JIT pays one-off type loading (NativeAOT has none of it); the process
            // attributes are idempotent, so warm them up. Umask is shared by every thread with the same filesystem
            // context, so it stays out of the test process.
            prepared.ApplyProcessAttributes();
            var before = GC.GetAllocatedBytesForCurrentThread();
            prepared.ApplyProcessAttributes();
            prepared.Capabilities.ApplyBounding();
            KeepCapabilities.Enable();
            prepared.Identity.ApplyGroups();
            prepared.Identity.ApplyGid();
            prepared.Identity.ApplyUid();
            KeepCapabilities.Disable();
            prepared.Capabilities.ApplyEffectivePermittedInheritable();
            prepared.Capabilities.ApplyAmbient();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        thread.ThrowIfFailed();

        Assert.Equal(0, allocated);
        Assert.Equal("1000\t1000\t1000\t1000", ProcStatus.Field(thread.Status(), "Uid"));
        Assert.Equal("1", ProcStatus.Field(thread.Status(), "NoNewPrivs"));
    }
}

using System.Runtime.InteropServices;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Privileges;

namespace Berth.IntegrationTests.Privileges;

/// <summary>no_new_privs, scheduling, I/O priority, personality and umask on the thread that applies them.</summary>
public partial class ThreadAttributeTests
{
    private const int CloneFs = 0x200;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int unshare(int flags);

    [Fact]
    public void NoNewPrivileges_SetsTheBitOnTheCallingThreadOnly()
    {
        var setOnThread = false;
        using var thread = DedicatedThread.Run(() =>
        {
            NoNewPrivileges.Apply();
            setOnThread = NoNewPrivileges.IsSet();
        });
        thread.ThrowIfFailed();

        Assert.True(setOnThread);
        Assert.Equal("1", ProcStatus.Field(thread.Status(), "NoNewPrivs"));
        Assert.Equal("0", ProcStatus.Field(File.ReadAllText("/proc/thread-self/status"), "NoNewPrivs"));
    }

    [Fact]
    public void SchedulerAndIoPriority_ApplyToTheCallingThread()
    {
        var scheduling = SchedulingAttributes.FromOci(new Scheduler { Policy = "SCHED_BATCH", Nice = 7 });
        var ioPriority = IoPriorityValue.FromOci(new IoPriority { Class = "IOPRIO_CLASS_BE", Priority = 6 });
        var readOnThread = default(IoPriorityValue);

        using var thread = DedicatedThread.Run(() =>
        {
            scheduling.Apply();
            ioPriority.Apply();
            readOnThread = IoPriorityValue.Read(0);
        });
        thread.ThrowIfFailed();

        var stat = File.ReadAllText($"/proc/self/task/{thread.Tid}/stat");
        Assert.Equal("3", ProcStatus.StatField(stat, 41)); // policy SCHED_BATCH
        Assert.Equal("7", ProcStatus.StatField(stat, 19)); // nice
        Assert.Equal(new IoPriorityValue(IoPriorityValue.BestEffort, 6), IoPriorityValue.Read(thread.Tid));
        Assert.Equal(ioPriority, readOnThread);
        var mine = File.ReadAllText("/proc/thread-self/stat");
        Assert.Equal("0", ProcStatus.StatField(mine, 41));
    }

    [Fact]
    public void Scheduler_SetsARealTimePolicyWithItsPriority()
    {
        var scheduling = SchedulingAttributes.FromOci(new Scheduler { Policy = "SCHED_RR", Priority = 3 });
        using var thread = DedicatedThread.Run(scheduling.Apply);
        thread.ThrowIfFailed();

        var stat = File.ReadAllText($"/proc/self/task/{thread.Tid}/stat");
        Assert.Equal("2", ProcStatus.StatField(stat, 41)); // policy SCHED_RR
        Assert.Equal("3", ProcStatus.StatField(stat, 40)); // rt_priority
    }

    [Fact]
    public void Personality_AppliesToTheThreadAndWhatItForks()
    {
        var personality = Personality.FromOci(new LinuxPersonality { Domain = "LINUX32" });
        ChildProcess? child = null;
        var current = default(Personality);

        using var thread = DedicatedThread.Run(() =>
        {
            personality.Apply();
            current = Personality.Current();
            child = ChildProcess.StartSleep();
        });
        using var started = child;
        thread.ThrowIfFailed();

        Assert.Equal(new Personality(8), current);
        Assert.Equal("00000008", File.ReadAllText($"/proc/self/task/{thread.Tid}/personality").Trim());
        Assert.Equal("00000008", child!.ReadProc("personality").Trim());
        Assert.Equal("00000000", File.ReadAllText("/proc/thread-self/personality").Trim());
    }

    [Fact]
    public void Umask_AppliesToTheFilesystemContextOfTheCallingThread()
    {
        var identity = new Identity(0, 0, [], 0x17); // 027
        using var thread = DedicatedThread.Run(() =>
        {
            // The umask lives in the filesystem context all threads share; give this one its own first.
            if (unshare(CloneFs) != 0)
                throw new InvalidOperationException($"unshare(CLONE_FS): errno {Marshal.GetLastPInvokeError()}");
            identity.ApplyUmask();
        });
        thread.ThrowIfFailed();

        Assert.Equal("0027", ProcStatus.Field(thread.Status(), "Umask"));
        Assert.NotEqual("0027", ProcStatus.Field(File.ReadAllText("/proc/thread-self/status"), "Umask"));
    }
}

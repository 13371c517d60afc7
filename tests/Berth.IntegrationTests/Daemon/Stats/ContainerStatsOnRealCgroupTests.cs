using Berth.Daemon.Containers.Stats;
using Berth.IntegrationTests.Cgroups;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups;

namespace Berth.IntegrationTests.Daemon.Stats;

/// <summary>The daemon's stats, top and OOM check on real cgroups of this host with real processes in them.</summary>
public sealed class ContainerStatsOnRealCgroupTests
{
    [CgroupFact("v1")]
    public async Task BusyProcess_ShowsInStatsAndTop()
    {
        var path = CgroupTestSupport.UniquePath();
        var id = path.TrimStart('/');
        var cgroup = Cgroup.Open(path, id);
        // The shell allocates after it joins the cgroup (v1 does not move charges made before).
        var busy = new ScriptProcess("v=$(seq 1 20000); while :; do :; done");
        try
        {
            cgroup.Create();
            cgroup.Apply(new LinuxResources { Pids = new LinuxPids { Limit = 20 } });
            cgroup.AddProcess(busy.Pid);
            busy.Release();
            var reader = new ContainerStatsReader();
            var source = new StatsSource(id, path, busy.Pid, "/busy");
            var first = reader.Read(source);
            await Task.Delay(1200);
            var second = reader.Read(source, first);

            Assert.True(second.CpuStats.CpuUsage.TotalUsage > first.CpuStats.CpuUsage.TotalUsage, "the busy loop used no CPU");
            Assert.True(second.CpuStats.SystemCpuUsage > first.CpuStats.SystemCpuUsage);
            Assert.Equal(first.CpuStats.CpuUsage.TotalUsage, second.PreCpuStats.CpuUsage.TotalUsage);
            Assert.Equal((1ul, 20ul), (second.PidsStats.Current, second.PidsStats.Limit));
            Assert.True(second.MemoryStats.Usage > 0, "no memory charged");
            Assert.True(second.CpuStats.OnlineCpus >= 1);

            var pids = reader.Pids(source);
            Assert.Equal([busy.Pid], pids);
            var top = await ContainerTop.RunAsync(null, pids);
            Assert.Equal(["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"], top.Titles);
            Assert.Equal(busy.Pid.ToString(), Assert.Single(top.Processes)[1]);
            Assert.False(reader.WasOomKilled(source));
        }
        finally
        {
            CgroupTestSupport.CleanUp(cgroup, busy);
        }
    }

    [CgroupFact("v1")]
    public void MemoryHog_IsReportedOomKilled()
    {
        var path = CgroupTestSupport.UniquePath();
        var id = path.TrimStart('/');
        var cgroup = Cgroup.Open(path, id);
        var hog = new ScriptProcess("tail /dev/zero");
        try
        {
            cgroup.Create();
            cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 16 << 20, Swap = 16 << 20 } });
            cgroup.AddProcess(hog.Pid);
            hog.Release();
            hog.WaitForOutput(TimeSpan.FromSeconds(30));
            Assert.True(new ContainerStatsReader().WasOomKilled(new StatsSource(id, path, 0)));
        }
        finally
        {
            CgroupTestSupport.CleanUp(cgroup, hog);
        }
    }
}

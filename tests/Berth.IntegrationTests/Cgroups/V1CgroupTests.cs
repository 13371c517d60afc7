using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups;
using Berth.Runtime.Cgroups.Stats;
using static Berth.IntegrationTests.Cgroups.CgroupTestSupport;

namespace Berth.IntegrationTests.Cgroups;

/// <summary>The v1 manager against the real kernel (this host: hybrid): real directories, limits, processes, freezer, devices, OOM.</summary>
public class V1CgroupTests
{
    private static string File(string controller, string path, string name)
        => System.IO.File.ReadAllText($"/sys/fs/cgroup/{controller}{path}/{name}").Trim();

    /// <summary>Only the CFQ and BFQ I/O schedulers give blkio a weight file: with one the weight is written, without one it is refused.</summary>
    [CgroupFact("v1")]
    public void Apply_WritesABlkioWeightOrRefusesItWhereTheHostHasNoWeightFile()
    {
        string path = UniquePath();
        var cgroup = Cgroup.Open(path, "test");
        var weighted = new LinuxResources { BlockIo = new LinuxBlockIo { Weight = 200 } };
        try
        {
            cgroup.Create();
            string? weightFile = new[] { "blkio.weight", "blkio.bfq.weight" }
                .FirstOrDefault(name => System.IO.File.Exists($"/sys/fs/cgroup/blkio{path}/{name}"));
            if (weightFile is null)
            {
                var error = Assert.Throws<Berth.Runtime.RuntimeException>(() => cgroup.Apply(weighted));
                Assert.Contains("blkio.weight", error.Message);
            }
            else
            {
                cgroup.Apply(weighted);
                Assert.Contains("200", File("blkio", path, weightFile));
            }
        }
        finally { cgroup.Destroy(); }
    }

    [CgroupFact("v1")]
    public void Lifecycle_CreateApplyJoinStatsFreezeUpdateDestroy()
    {
        string path = UniquePath();
        var cgroup = Cgroup.Open(path, "test");
        ScriptProcess? ticker = null;
        string counter = System.IO.Path.GetTempFileName();
        try
        {
            cgroup.Create();
            Assert.True(Directory.Exists($"/sys/fs/cgroup/memory{path}"));
            Assert.NotEqual("", File("cpuset", path, "cpuset.cpus"));

            cgroup.Apply(new LinuxResources
            {
                Memory = new LinuxMemory { Limit = 64 << 20, Swap = 128 << 20, Reservation = 32 << 20, Swappiness = 10 },
                Cpu = new LinuxCpu { Shares = 512, Quota = 50000, Period = 100000, Cpus = "0", Mems = "0" },
                Pids = new LinuxPids { Limit = 20 },
                Devices = DockerDevices(),
            });

            Assert.Equal((64 << 20).ToString(), File("memory", path, "memory.limit_in_bytes"));
            Assert.Equal((128 << 20).ToString(), File("memory", path, "memory.memsw.limit_in_bytes"));
            Assert.Equal("10", File("memory", path, "memory.swappiness"));
            Assert.Equal("512", File("cpu", path, "cpu.shares"));
            Assert.Equal("50000", File("cpu", path, "cpu.cfs_quota_us"));
            Assert.Equal("0", File("cpuset", path, "cpuset.cpus"));
            Assert.Equal("20", File("pids", path, "pids.max"));
            Assert.Contains("c 1:3 rwm", File("devices", path, "devices.list"));
            Assert.DoesNotContain("a *:* rwm", File("devices", path, "devices.list"));

            ticker = new ScriptProcess($"while :; do echo x >> {counter}; sleep 0.02; done");
            cgroup.AddProcess(ticker.Pid);
            ticker.Release();
            Assert.Contains(ticker.Pid, cgroup.GetPids());
            Assert.Contains($":memory:{path}", System.IO.File.ReadAllText($"/proc/{ticker.Pid}/cgroup"));
            Assert.Contains($"0::{path}", System.IO.File.ReadAllText($"/proc/{ticker.Pid}/cgroup"));

            var stats = cgroup.GetStats();
            Assert.InRange(stats.Pids.Current, 1ul, 20ul);
            Assert.Equal(20ul, stats.Pids.Limit);
            Assert.Equal((ulong)(64 << 20), stats.Memory.Usage.Limit);
            // A process moved into a v1 memory cgroup brings no charge along: usage shows once the ticker allocates.
            var charged = DateTime.UtcNow.AddSeconds(10);
            while (stats.Memory.Usage.Usage == 0 && DateTime.UtcNow < charged)
            {
                Thread.Sleep(50);
                stats = cgroup.GetStats();
            }
            Assert.True(stats.Memory.Usage.Usage > 0, "no memory charged to the cgroup");
            Assert.Equal([(ushort)0], stats.Cpuset.Cpus!);
            Assert.Contains("\"memory\":{", JsonSerializer.Serialize(stats, CgroupStatsJsonContext.Default.CgroupStats));

            cgroup.Freeze();
            Assert.True(cgroup.IsFrozen());
            Assert.Equal("FROZEN", File("freezer", path, "freezer.state"));
            long frozenSize = SizeAfter(counter, TimeSpan.FromMilliseconds(100));
            Assert.Equal(frozenSize, SizeAfter(counter, TimeSpan.FromMilliseconds(300)));
            cgroup.Thaw();
            Assert.False(cgroup.IsFrozen());
            Assert.True(GrowsBeyond(counter, frozenSize), "the ticker did not resume after thaw");

            // Lowering both, then raising both: each order is only valid one way round.
            cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 48 << 20, Swap = 48 << 20 } });
            Assert.Equal((48 << 20).ToString(), File("memory", path, "memory.memsw.limit_in_bytes"));
            cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 256 << 20, Swap = 512 << 20 } });
            Assert.Equal((256 << 20).ToString(), File("memory", path, "memory.limit_in_bytes"));
            cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = -1 } });
            Assert.Equal("9223372036854771712", File("memory", path, "memory.limit_in_bytes"));
            cgroup.Apply(new LinuxResources { Pids = new LinuxPids { Limit = 0 } });
            Assert.Equal("max", File("pids", path, "pids.max"));

            ticker.Kill();
            cgroup.Destroy();
            Assert.False(cgroup.Exists());
            Assert.False(Directory.Exists($"/sys/fs/cgroup/memory{path}"));
            Assert.False(Directory.Exists($"/sys/fs/cgroup/unified{path}"));
        }
        finally
        {
            CleanUp(cgroup, ticker);
            System.IO.File.Delete(counter);
        }
    }

    [CgroupFact("v1")]
    public void Devices_DenyWhatTheRulesDoNotAllow()
    {
        var cgroup = Cgroup.Open(UniquePath(), "test");
        ScriptProcess? probe = null;
        try
        {
            cgroup.Create();
            cgroup.Apply(new LinuxResources { Devices = ZeroOnlyDevices() });
            probe = new ScriptProcess(DeviceProbeScript);
            cgroup.AddProcess(probe.Pid);
            probe.Release();

            string output = probe.WaitForOutput(TimeSpan.FromSeconds(10));

            Assert.Contains("null-denied", output);
            Assert.Contains("zero-bytes=4", output);
        }
        finally
        {
            CleanUp(cgroup, probe);
        }
    }

    [CgroupFact("v1")]
    public async Task WatchOomEvents_ReportsAnOomKill()
    {
        var cgroup = Cgroup.Open(UniquePath(), "test");
        ScriptProcess? hog = null;
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            cgroup.Create();
            cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 16 << 20, Swap = 16 << 20 } });
            var watching = new ManualResetEventSlim();
            var firstEvent = Task.Run(() =>
            {
                using var events = cgroup.WatchOomEvents(cancel.Token).GetEnumerator();
                watching.Set();
                return events.MoveNext() ? events.Current : null;
            });
            Assert.True(watching.Wait(TimeSpan.FromSeconds(5)));
            Thread.Sleep(100); // let the watcher register before memory runs out

            hog = new ScriptProcess("tail /dev/zero");
            cgroup.AddProcess(hog.Pid);
            hog.Release();

            var oom = await firstEvent.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.NotNull(oom);
            hog.WaitForOutput(TimeSpan.FromSeconds(10));
            Assert.True(cgroup.GetOomKillCount() >= 1);
        }
        finally
        {
            cancel.Cancel();
            CleanUp(cgroup, hog);
        }
    }

    [CgroupFact("v1")]
    public void WatchOomEvents_EndsOnCancellation()
    {
        var cgroup = Cgroup.Open(UniquePath(), "test");
        try
        {
            cgroup.Create();
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

            var events = cgroup.WatchOomEvents(cancel.Token).ToList();

            Assert.Empty(events);
        }
        finally
        {
            CleanUp(cgroup);
        }
    }
}

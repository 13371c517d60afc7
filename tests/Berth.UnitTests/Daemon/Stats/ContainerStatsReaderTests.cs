using System.Text.Json;
using Berth.Daemon.Containers.Stats;
using Berth.Runtime.Cgroups;
using Berth.UnitTests.Cgroups;
using Berth.UnitTests.Daemon.Events;

namespace Berth.UnitTests.Daemon.Stats;

/// <summary>Stats samples from fixture cgroup trees and a fixture /proc, in dockerd 20.10's JSON.</summary>
public sealed class ContainerStatsReaderTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T17:58:39.4558800Z");
    private readonly string _proc = Directory.CreateTempSubdirectory("berth-proc-").FullName;

    public ContainerStatsReaderTests()
    {
        Write("proc/stat", "cpu  400 0 100 4000 10 0 5 7 0 0\ncpu0 200 0 50 2000 5 0 2 3 0 0\n");
        Write("sys/devices/system/cpu/online", "0-1\n");
        Write("proc/meminfo", "MemTotal:       24683620 kB\nMemFree:        1000 kB\n");
        Write("proc/42/net/dev", """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0
              eth0:    1500      10    1    2    0     0          0         0      900       6    3    4    0     0       0          0

            """);
    }

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    private void Write(string path, string text)
    {
        var full = Path.Combine(_proc, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private ContainerStatsReader Reader(FakeCgroupHost host) => new(new HostFigures(_proc), host.Layout, new ManualClock(Now));

    [Fact]
    public void V1_SampleHasDockerdsFieldsAndFigures()
    {
        var v1 = FakeCgroupHost.HybridV1.Where(h => h.Mount is not ("hugetlb" or "net_cls,net_prio")).ToArray();
        using var host = FakeCgroupHost.Legacy(v1);
        V1ManagerTests.Created(host, "/docker/abc");
        string Dir(string mount) => host.V1Dir(mount, "/docker/abc");
        FakeCgroupHost.Set(Dir("cpuacct"), "cpuacct.usage", "1492904465\n");
        FakeCgroupHost.Set(Dir("cpuacct"), "cpuacct.usage_percpu", "0 1492904465 \n");
        FakeCgroupHost.Set(Dir("cpuacct"), "cpuacct.stat", "user 143\nsystem 6\n");
        FakeCgroupHost.Set(Dir("cpu"), "cpu.stat", "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.limit_in_bytes", "9223372036854771712\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.usage_in_bytes", "491520\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.max_usage_in_bytes", "4292608\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.stat", "cache 73728\nrss 69632\nshmem 0\ntotal_cache 73728\nhierarchical_memory_limit 9223372036854771712\n");
        FakeCgroupHost.Set(Dir("pids"), "pids.current", "1\n");
        FakeCgroupHost.Set(Dir("pids"), "pids.max", "max\n");

        var sample = Reader(host).Read(new StatsSource("abc", "/docker/abc", 42, "/st1"));
        var json = JsonSerializer.Serialize(sample, StatsJsonContext.Default.ContainerStatsJson);

        Assert.StartsWith("""{"read":"2026-11-25T17:58:39.45588Z","preread":"0001-01-01T00:00:00Z","pids_stats":{"current":1},"blkio_stats":{"io_service_bytes_recursive":[],"io_serviced_recursive":[],""", json);
        Assert.Contains(""","num_procs":0,"storage_stats":{},"cpu_stats":{"cpu_usage":{"total_usage":1492904465,"percpu_usage":[0,1492904465],"usage_in_kernelmode":60000000,"usage_in_usermode":1430000000},"system_cpu_usage":45150000000,"online_cpus":2,"throttling_data":{"periods":0,"throttled_periods":0,"throttled_time":0}},"precpu_stats":{"cpu_usage":{"total_usage":0,"usage_in_kernelmode":0,"usage_in_usermode":0},"throttling_data":{"periods":0,"throttled_periods":0,"throttled_time":0}},"memory_stats":{"usage":491520,"max_usage":4292608,"stats":{"active_anon":0,""", json);
        Assert.Contains(""""hierarchical_memory_limit":9223372036854771712,"hierarchical_memsw_limit":0,"""", json);
        Assert.EndsWith(""""writeback":0},"limit":25276026880},"name":"/st1","id":"abc","networks":{"eth0":{"rx_bytes":1500,"rx_packets":10,"rx_errors":1,"rx_dropped":2,"tx_bytes":900,"tx_packets":6,"tx_errors":3,"tx_dropped":4}}}"""", json);
        Assert.Equal(32, sample.MemoryStats.Stats!.Count);
        Assert.DoesNotContain("shmem", sample.MemoryStats.Stats.Keys);
    }

    [Fact]
    public void V2_SampleUsesDockerds20_10Mapping()
    {
        using var host = FakeCgroupHost.Unified();
        Cgroup.Open("/c", "c", host.Layout).Create();
        string dir = host.V2Dir("/c");
        FakeCgroupHost.Set(dir, "cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 7\nnr_throttled 2\nthrottled_usec 30\n");
        FakeCgroupHost.Set(dir, "memory.current", "4096\n");
        FakeCgroupHost.Set(dir, "memory.max", "max\n");
        FakeCgroupHost.Set(dir, "memory.peak", "9999\n");
        FakeCgroupHost.Set(dir, "memory.stat", "file 8192\nanon 4096\nzswap 1\n");
        FakeCgroupHost.Set(dir, "memory.events", "low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\n");
        FakeCgroupHost.Set(dir, "pids.current", "3\n");
        FakeCgroupHost.Set(dir, "pids.max", "50\n");
        FakeCgroupHost.Set(dir, "io.stat", "254:0 rbytes=4096 wbytes=512 rios=2 wios=1 dbytes=0 dios=0\n");

        var reader = Reader(host);
        var first = reader.Read(new StatsSource("c", "/c", 0));
        var second = reader.Read(new StatsSource("c", "/c", 0), first);

        Assert.Equal((1500000ul, 500000ul, 1000000ul, null), (second.CpuStats.CpuUsage.TotalUsage, second.CpuStats.CpuUsage.UsageInKernelmode, second.CpuStats.CpuUsage.UsageInUsermode, second.CpuStats.CpuUsage.PercpuUsage));
        Assert.Equal((7ul, 2ul, 30000ul), (second.CpuStats.ThrottlingData.Periods, second.CpuStats.ThrottlingData.ThrottledPeriods, second.CpuStats.ThrottlingData.ThrottledTime));
        Assert.Equal((4096ul, 0ul, 1ul, 25276026880ul), (second.MemoryStats.Usage, second.MemoryStats.MaxUsage, second.MemoryStats.Failcnt, second.MemoryStats.Limit));
        Assert.Equal((8192ul, 4096ul, 31), (second.MemoryStats.Stats!["file"], second.MemoryStats.Stats["anon"], second.MemoryStats.Stats.Count));
        Assert.Equal((3ul, 50ul), (second.PidsStats.Current, second.PidsStats.Limit));
        Assert.Equal(["254:0 read 4096", "254:0 write 512"], second.BlkioStats.IoServiceBytesRecursive!.Select(e => $"{e.Major}:{e.Minor} {e.Op} {e.Value}"));
        Assert.Null(second.BlkioStats.IoServicedRecursive);
        Assert.Null(second.Networks);
        Assert.Equal((first.Read, first.CpuStats), (second.PreRead, second.PreCpuStats));
        Assert.True(reader.WasOomKilled(new StatsSource("c", "/c", 0)));
    }

    [Fact]
    public void OomCheck_ReadsV1OomControl()
    {
        using var host = FakeCgroupHost.Hybrid();
        V1ManagerTests.Created(host, "/docker/x");
        var reader = Reader(host);
        FakeCgroupHost.Set(host.V1Dir("memory", "/docker/x"), "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
        Assert.False(reader.WasOomKilled(new StatsSource("x", "/docker/x", 0)));
        FakeCgroupHost.Set(host.V1Dir("memory", "/docker/x"), "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        Assert.True(reader.WasOomKilled(new StatsSource("x", "/docker/x", 0)));
        Assert.False(reader.WasOomKilled(new StatsSource("gone", "/docker/gone", 0)));
    }
}

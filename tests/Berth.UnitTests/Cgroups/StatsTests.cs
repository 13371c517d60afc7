using System.Text.Json;
using Berth.Runtime.Cgroups;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.UnitTests.Cgroups;

public class StatsTests
{
    [Fact]
    public void V1Stats_SerialiseLikeRuncEventsStats()
    {
        // The files and the expected JSON come from a real `runc events --stats` (runc 1.1.5) on this kind of host;
        // memory.stat is cut short and out of order to check that raw is sorted like Go's map.
        var v1 = FakeCgroupHost.HybridV1.Where(h => h.Mount is not ("hugetlb" or "net_cls,net_prio")).ToArray();
        using var host = FakeCgroupHost.Legacy(v1);
        var cgroup = V1ManagerTests.Created(host, "/cgref-test");
        string Dir(string mount) => host.V1Dir(mount, "/cgref-test");
        FakeCgroupHost.Set(Dir("cpuacct"), "cpuacct.usage", "37944022\n");
        FakeCgroupHost.Set(Dir("cpuacct"), "cpuacct.usage_percpu", "28853838 9090184 \n");
        FakeCgroupHost.Set(Dir("cpuacct"), "cpuacct.usage_all", "cpu user system\n0 4000000 20000000\n1 0 4000000\n");
        FakeCgroupHost.Set(Dir("cpuacct"), "cpuacct.stat", "user 0\nsystem 3\n");
        FakeCgroupHost.Set(Dir("cpu"), "cpu.stat", "nr_periods 2\nnr_throttled 0\nthrottled_time 0\nnr_bursts 0\nburst_time 0\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.limit_in_bytes", "99999744\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.usage_in_bytes", "557056\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.max_usage_in_bytes", "2740224\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.memsw.limit_in_bytes", "199999488\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.memsw.usage_in_bytes", "557056\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.memsw.max_usage_in_bytes", "2740224\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.kmem.usage_in_bytes", "258048\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.kmem.max_usage_in_bytes", "544768\n");
        FakeCgroupHost.Set(Dir("memory"), "memory.stat", "cache 0\nrss 49152\nactive_anon 4096\n");
        FakeCgroupHost.Set(Dir("pids"), "pids.current", "1\n");
        FakeCgroupHost.Set(Dir("pids"), "pids.max", "50\n");

        string json = JsonSerializer.Serialize(cgroup.GetStats(), CgroupStatsJsonContext.Default.CgroupStats);

        Assert.Equal("""
            {"cpu":{"usage":{"total":37944022,"percpu":[28853838,9090184],"percpu_kernel":[20000000,4000000],"percpu_user":[4000000,0],"kernel":30000000,"user":0},"throttling":{"periods":2}},"cpuset":{"cpus":[0,1],"cpu_exclusive":0,"mems":[0],"mem_hardwall":0,"mem_exclusive":0,"memory_migrate":0,"memory_spread_page":0,"memory_spread_slab":0,"memory_pressure":0,"sched_load_balance":1,"sched_relax_domain_level":-1},"memory":{"usage":{"limit":99999744,"usage":557056,"max":2740224,"failcnt":0},"swap":{"limit":199999488,"usage":557056,"max":2740224,"failcnt":0},"kernel":{"limit":9223372036854771712,"usage":258048,"max":544768,"failcnt":0},"kernelTCP":{"limit":9223372036854771712,"failcnt":0},"raw":{"active_anon":4096,"cache":0,"rss":49152}},"pids":{"current":1,"limit":50},"blkio":{},"hugetlb":{},"intel_rdt":{},"network_interfaces":null}
            """, json);
    }

    [Fact]
    public void V1Blkio_TakesTheFirstFamilyWithEntries_AndSkipsTotal()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = V1ManagerTests.Created(host);
        string blkio = host.V1Dir("blkio", "/c");
        FakeCgroupHost.Set(blkio, "blkio.throttle.io_service_bytes_recursive", "254:0 Read 4096\n254:0 Write 8192\n254:0 Total 12288\nTotal 12288\n");
        FakeCgroupHost.Set(blkio, "blkio.throttle.io_serviced_recursive", "254:0 Read 1\n254:0 Write 2\n254:0 Total 3\nTotal 3\n");

        var stats = cgroup.GetStats();

        Assert.Equal(["Read 4096", "Write 8192", "Total 12288"], stats.Blkio.IoServiceBytesRecursive!.Select(e => $"{e.Op} {e.Value}"));
        Assert.All(stats.Blkio.IoServicedRecursive!, e => Assert.Equal((254ul, 0ul), (e.Major, e.Minor)));
        Assert.Equal("""{"major":254,"op":"Read","value":4096}""",
            JsonSerializer.Serialize(stats.Blkio.IoServiceBytesRecursive![0], CgroupStatsJsonContext.Default.BlkioEntry));
    }

    [Fact]
    public void V1Hugetlb_ReportsEveryPageSize()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = V1ManagerTests.Created(host);
        FakeCgroupHost.Set(host.V1Dir("hugetlb", "/c"), "hugetlb.2MB.usage_in_bytes", "2097152\n");
        FakeCgroupHost.Set(host.V1Dir("hugetlb", "/c"), "hugetlb.2MB.failcnt", "3\n");

        var stats = cgroup.GetStats();

        Assert.Equal(["1GB", "2MB"], stats.Hugetlb.Keys);
        Assert.Equal((2097152ul, 3ul), (stats.Hugetlb["2MB"].Usage, stats.Hugetlb["2MB"].Failcnt));
    }

    [Fact]
    public void V2Stats_MapTheUnifiedFilesOntoRuncsShape()
    {
        using var host = FakeCgroupHost.Unified();
        var cgroup = Cgroup.Open("/c", "c", host.Layout);
        cgroup.Create();
        string dir = host.V2Dir("/c");
        FakeCgroupHost.Set(dir, "cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 7\nnr_throttled 2\nthrottled_usec 30\n");
        FakeCgroupHost.Set(dir, "memory.current", "4096\n");
        FakeCgroupHost.Set(dir, "memory.max", "1048576\n");
        FakeCgroupHost.Set(dir, "memory.swap.current", "100\n");
        FakeCgroupHost.Set(dir, "memory.swap.max", "max\n");
        FakeCgroupHost.Set(dir, "memory.stat", "file 8192\nanon 4096\n");
        FakeCgroupHost.Set(dir, "memory.events", "low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\n");
        FakeCgroupHost.Set(dir, "pids.current", "3\n");
        FakeCgroupHost.Set(dir, "io.stat", "254:0 rbytes=4096 wbytes=512 rios=2 wios=1 dbytes=0 dios=0\n");
        FakeCgroupHost.Set(dir, "hugetlb.2MB.current", "0\n");
        FakeCgroupHost.Set(dir, "hugetlb.2MB.events", "max 4\n");

        string json = JsonSerializer.Serialize(cgroup.GetStats(), CgroupStatsJsonContext.Default.CgroupStats);

        Assert.Equal("""
            {"cpu":{"usage":{"total":1500000,"kernel":500000,"user":1000000},"throttling":{"periods":7,"throttledPeriods":2,"throttledTime":30000}},"cpuset":{"cpus":[0,1],"cpu_exclusive":0,"mems":[0],"mem_hardwall":0,"mem_exclusive":0,"memory_migrate":0,"memory_spread_page":0,"memory_spread_slab":0,"memory_pressure":0,"sched_load_balance":0,"sched_relax_domain_level":0},"memory":{"cache":8192,"usage":{"limit":1048576,"usage":4096,"failcnt":5},"swap":{"limit":18446744073709551615,"usage":4196,"failcnt":0},"kernel":{"limit":0,"failcnt":0},"kernelTCP":{"limit":0,"failcnt":0},"raw":{"anon":4096,"file":8192}},"pids":{"current":3},"blkio":{"ioServiceBytesRecursive":[{"major":254,"op":"Read","value":4096},{"major":254,"op":"Write","value":512}],"ioServicedRecursive":[{"major":254,"op":"Read","value":2},{"major":254,"op":"Write","value":1}]},"hugetlb":{"2MB":{"failcnt":4}},"intel_rdt":{},"network_interfaces":null}
            """, json);
    }
}

using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Cgroups;

namespace Berth.UnitTests.Cgroups;

public class V1ControllerTests : IDisposable
{
    private readonly FakeCgroupHost _host = FakeCgroupHost.Hybrid();
    private readonly ICgroup _cgroup;

    public V1ControllerTests() => _cgroup = V1ManagerTests.Created(_host);

    public void Dispose() => _host.Dispose();

    private string Dir(string mount) => _host.V1Dir(mount, "/c");

    private List<(string File, string Value)> Writes(string mount) => _host.Files.WritesIn(Dir(mount));

    [Fact]
    public void Memory_RaisingLimitAndSwap_WritesMemswFirst()
    {
        FakeCgroupHost.Set(Dir("memory"), "memory.limit_in_bytes", "100000");
        FakeCgroupHost.Set(Dir("memory"), "memory.memsw.limit_in_bytes", "200000");

        _cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 300000, Swap = 600000 } });

        Assert.Equal([("memory.memsw.limit_in_bytes", "600000"), ("memory.limit_in_bytes", "300000")], Writes("memory"));
    }

    [Fact]
    public void Memory_LoweringLimitAndSwap_WritesTheLimitFirst()
    {
        FakeCgroupHost.Set(Dir("memory"), "memory.limit_in_bytes", "300000");
        FakeCgroupHost.Set(Dir("memory"), "memory.memsw.limit_in_bytes", "600000");

        _cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 100000, Swap = 200000 } });

        Assert.Equal([("memory.limit_in_bytes", "100000"), ("memory.memsw.limit_in_bytes", "200000")], Writes("memory"));
    }

    [Fact]
    public void Memory_UnlimitedWithoutSwap_MakesSwapUnlimitedToo()
    {
        FakeCgroupHost.Set(Dir("memory"), "memory.limit_in_bytes", "300000");
        FakeCgroupHost.Set(Dir("memory"), "memory.memsw.limit_in_bytes", "600000");

        _cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = -1 } });

        Assert.Equal([("memory.memsw.limit_in_bytes", "-1"), ("memory.limit_in_bytes", "-1")], Writes("memory"));
    }

    [Fact]
    public void Memory_OtherSettings_GoToTheirFiles()
    {
        _cgroup.Apply(new LinuxResources
        {
            Memory = new LinuxMemory { Reservation = 1000, Swappiness = 0, DisableOomKiller = true, KernelTcp = 4096, Kernel = 8192 },
        });

        Assert.Equal(
        [
            ("memory.soft_limit_in_bytes", "1000"), ("memory.kmem.limit_in_bytes", "8192"),
            ("memory.kmem.tcp.limit_in_bytes", "4096"), ("memory.swappiness", "0"), ("memory.oom_control", "1"),
        ], Writes("memory"));
    }

    [Fact]
    public void Memory_KernelLimitRefusedByAModernKernel_IsIgnored()
    {
        _host.Files.FailWrites["memory.kmem.limit_in_bytes"] = _ => 95; // EOPNOTSUPP

        _cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Kernel = 8192, Limit = 1 << 20 } });

        Assert.Contains(("memory.limit_in_bytes", "1048576"), Writes("memory"));
    }

    [Fact]
    public void Memory_SwapWithoutSwapAccounting_IsAnError()
    {
        File.Delete(Path.Combine(Dir("memory"), "memory.memsw.limit_in_bytes"));

        var error = Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 1000, Swap = 2000 } }));

        Assert.Contains("swapaccount", error.Message);
        Assert.Empty(Writes("memory"));
    }

    [Theory]
    [InlineData(2000L, 1000L, "must be at least the memory limit")]
    [InlineData(-1L, 1000L, "must be at least the memory limit (unlimited)")]
    [InlineData(-2L, null, "invalid memory limit")]
    public void Memory_InconsistentValues_AreRefusedBeforeWriting(long limit, long? swap, string message)
    {
        var error = Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = limit, Swap = swap } }));

        Assert.Contains(message, error.Message);
        Assert.Empty(Writes("memory"));
    }

    [Fact]
    public void Memory_LimitAboveTheCurrentMemswWithoutSwap_IsRefused()
    {
        FakeCgroupHost.Set(Dir("memory"), "memory.limit_in_bytes", "1000");
        FakeCgroupHost.Set(Dir("memory"), "memory.memsw.limit_in_bytes", "2000");

        var error = Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 5000 } }));

        Assert.Contains("set the swap limit too", error.Message);
    }

    [Fact]
    public void Memory_LimitBelowUsage_ExplainsTheBusyError()
    {
        _host.Files.FailWrites["memory.limit_in_bytes"] = _ => 16;
        FakeCgroupHost.Set(Dir("memory"), "memory.usage_in_bytes", "999999");

        var error = Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 1000, Swap = -1 } }));

        Assert.Contains("current usage (999999)", error.Message);
    }

    [Fact]
    public void Cpu_WritesRealtimeSharesPeriodQuotaBurstIdleInOrder()
    {
        _cgroup.Apply(new LinuxResources
        {
            Cpu = new LinuxCpu { Shares = 512, Quota = 50000, Period = 100000, Burst = 1000, RealtimePeriod = 1000000, RealtimeRuntime = 950000, Idle = 1 },
        });

        Assert.Equal(
        [
            ("cpu.rt_period_us", "1000000"), ("cpu.rt_runtime_us", "950000"), ("cpu.shares", "512"),
            ("cpu.cfs_period_us", "100000"), ("cpu.cfs_quota_us", "50000"), ("cpu.cfs_burst_us", "1000"), ("cpu.idle", "1"),
        ], Writes("cpu"));
    }

    [Fact]
    public void Cpu_PeriodRefusedFirst_IsRetriedAfterTheQuota()
    {
        int attempts = 0;
        _host.Files.FailWrites["cpu.cfs_period_us"] = _ => attempts++ == 0 ? 22 : 0;

        _cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Quota = 10000, Period = 20000 } });

        Assert.Equal([("cpu.cfs_quota_us", "10000"), ("cpu.cfs_period_us", "20000")], Writes("cpu"));
    }

    [Fact]
    public void Cpu_SharesClampedByTheKernel_AreAnError()
    {
        _host.Files.StoreAs["cpu.shares"] = _ => "262144";

        var error = Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Shares = 999999 } }));

        Assert.Contains("it set 262144", error.Message);
    }

    [Fact]
    public void Cpuset_WritesCpusAndMems()
    {
        _cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Cpus = "0", Mems = "0" } });

        Assert.Equal([("cpuset.cpus", "0"), ("cpuset.mems", "0")], Writes("cpuset"));
        Assert.Empty(Writes("cpu"));
    }

    [Theory]
    [InlineData(100L, "100")]
    [InlineData(0L, "max")]
    [InlineData(-1L, "max")]
    public void Pids_WritesTheLimitOrMax(long limit, string expected)
    {
        _cgroup.Apply(new LinuxResources { Pids = new LinuxPids { Limit = limit } });

        Assert.Equal([("pids.max", expected)], Writes("pids"));
    }

    [Fact]
    public void Blkio_UsesBfqFilesWhenCfqIsAbsent_AndWritesThrottles()
    {
        _cgroup.Apply(new LinuxResources
        {
            BlockIo = new LinuxBlockIo
            {
                Weight = 300,
                WeightDevice = [new LinuxWeightDevice { Major = 8, Minor = 0, Weight = 500 }],
                ThrottleReadBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 1048576 }],
                ThrottleWriteIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 16, Rate = 100 }],
            },
        });

        Assert.Equal(
        [
            ("blkio.bfq.weight", "300"), ("blkio.bfq.weight_device", "8:0 500"),
            ("blkio.throttle.read_bps_device", "8:0 1048576"), ("blkio.throttle.write_iops_device", "8:16 100"),
        ], Writes("blkio"));
    }

    [Fact]
    public void Blkio_PrefersCfqWeightFiles()
    {
        FakeCgroupHost.Set(Dir("blkio"), "blkio.weight", "500");
        FakeCgroupHost.Set(Dir("blkio"), "blkio.leaf_weight", "500");

        _cgroup.Apply(new LinuxResources { BlockIo = new LinuxBlockIo { Weight = 10, LeafWeight = 1000 } });

        Assert.Equal([("blkio.weight", "10"), ("blkio.leaf_weight", "1000")], Writes("blkio"));
    }

    [Fact]
    public void Blkio_LeafWeightWithoutCfq_AndWeightOutOfRange_AreErrors()
    {
        Assert.Contains("blkio.leaf_weight",
            Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources { BlockIo = new LinuxBlockIo { LeafWeight = 100 } })).Message);
        Assert.Contains("range is 10-1000",
            Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources { BlockIo = new LinuxBlockIo { Weight = 5 } })).Message);
    }

    [Fact]
    public void Hugetlb_WritesTheLimitPerPageSize_AndRefusesUnknownSizes()
    {
        FakeCgroupHost.Set(Dir("hugetlb"), "hugetlb.2MB.rsvd.limit_in_bytes", "0");

        _cgroup.Apply(new LinuxResources { HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 4194304 }] });
        var error = Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources
        {
            HugepageLimits = [new LinuxHugepageLimit { PageSize = "3MB", Limit = 1 }],
        }));

        Assert.Equal([("hugetlb.2MB.limit_in_bytes", "4194304"), ("hugetlb.2MB.rsvd.limit_in_bytes", "4194304")], Writes("hugetlb"));
        Assert.Contains("offers 1GB, 2MB", error.Message);
    }

    [Fact]
    public void Network_WritesClassIdAndOnePriorityLinePerInterface()
    {
        _cgroup.Apply(new LinuxResources
        {
            Network = new LinuxNetwork
            {
                ClassId = 0x100001,
                Priorities = [new LinuxInterfacePriority { Name = "eth0", Priority = 5 }, new LinuxInterfacePriority { Name = "lo", Priority = 2 }],
            },
        });

        Assert.Equal([("net_cls.classid", "1048577"), ("net_prio.ifpriomap", "eth0 5"), ("net_prio.ifpriomap", "lo 2")], Writes("net_cls,net_prio"));
    }

    [Fact]
    public void Devices_FromAllowAll_ResetsThenAllowsEachException()
    {
        _cgroup.Apply(new LinuxResources
        {
            Devices =
            [
                new LinuxDeviceCgroup { Allow = false, Access = "rwm" },
                new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
                new LinuxDeviceCgroup { Allow = true, Type = "c", Major = 136, Access = "rw" },
                new LinuxDeviceCgroup { Allow = true, Type = "b", Access = "m" },
            ],
        });

        Assert.Equal(
        [
            ("devices.deny", "a *:* rwm"), ("devices.allow", "c 1:3 rwm"), ("devices.allow", "c 136:* rw"), ("devices.allow", "b *:* m"),
        ], Writes("devices"));
        Assert.Equal("c 1:3 rwm\nc 136:* rw\nb *:* m", FakeCgroupHost.Get(Dir("devices"), "devices.list"));
    }

    [Fact]
    public void Devices_Update_WritesOnlyTheDifference()
    {
        var initial = new List<LinuxDeviceCgroup>
        {
            new() { Allow = false, Access = "rwm" },
            new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" },
            new() { Allow = true, Type = "c", Major = 1, Minor = 5, Access = "rwm" },
        };
        _cgroup.Apply(new LinuxResources { Devices = initial });
        _host.Files.Writes.Clear();

        _cgroup.Apply(new LinuxResources
        {
            Devices =
            [
                new() { Allow = false, Access = "rwm" },
                new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "r" },
                new() { Allow = true, Type = "c", Major = 1, Minor = 9, Access = "rwm" },
            ],
        });

        Assert.Equal([("devices.allow", "c 1:9 rwm"), ("devices.deny", "c 1:3 wm"), ("devices.deny", "c 1:5 rwm")], Writes("devices"));
    }

    [Fact]
    public void Devices_ThatTheKernelDidNotTake_AreReported()
    {
        // A kernel that accepts the write but keeps the rule out (as a restrictive parent would) must not go unnoticed.
        _host.Files.IgnoreWrites = (file, value) => file == "devices.allow" && value.StartsWith("c 1:3");

        var error = Assert.Throws<RuntimeException>(() => _cgroup.Apply(new LinuxResources
        {
            Devices = [new() { Allow = false, Access = "rwm" }, new() { Allow = true, Type = "c", Major = 1, Minor = 3, Access = "rwm" }],
        }));

        Assert.Contains("did not take the requested rules", error.Message);
        Assert.Contains("wanted c 1:3 rwm", error.Message);
    }
}

using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Cgroups;

namespace Berth.UnitTests.Cgroups;

public class V2ManagerTests : IDisposable
{
    private readonly FakeCgroupHost _host = FakeCgroupHost.Unified();

    public void Dispose() => _host.Dispose();

    private ICgroup Created(string path = "/berth/c")
    {
        var cgroup = Cgroup.Open(path, "c", _host.Layout);
        cgroup.Create();
        _host.Files.Writes.Clear();
        return cgroup;
    }

    private List<(string File, string Value)> Writes(string path = "/berth/c") => _host.Files.WritesIn(_host.V2Dir(path));

    [Fact]
    public void Create_EnablesEveryControllerInEachAncestor()
    {
        var cgroup = Cgroup.Open("/berth/c", "c", _host.Layout);

        cgroup.Create();

        Assert.Equal("cpu cpuset hugetlb io memory pids", FakeCgroupHost.Get(_host.Root, "cgroup.subtree_control"));
        Assert.Equal("cpu cpuset hugetlb io memory pids", FakeCgroupHost.Get(_host.V2Dir("/berth"), "cgroup.subtree_control"));
        Assert.Equal("", FakeCgroupHost.Get(_host.V2Dir("/berth/c"), "cgroup.subtree_control"));
        Assert.True(File.Exists(Path.Combine(_host.V2Dir("/berth/c"), "memory.max")));
    }

    [Fact]
    public void Create_KeepsTheControllersItCanEnableWhenSomeAreRefused()
    {
        _host.Files.FailWrites["cgroup.subtree_control"] = value => value.Contains("+io") ? 95 : 0;

        Cgroup.Open("/c", "c", _host.Layout).Create();

        Assert.Equal("cpu cpuset hugetlb memory pids", FakeCgroupHost.Get(_host.Root, "cgroup.subtree_control"));
    }

    [Fact]
    public void Apply_NeedingAControllerThatIsNotEnabled_IsAClearError()
    {
        _host.Files.FailWrites["cgroup.subtree_control"] = value => value.Contains("+io") ? 95 : 0;
        var cgroup = Created();

        var error = Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { BlockIo = new LinuxBlockIo { Weight = 100 } }));

        Assert.Contains("cgroup v2 io controller is not enabled", error.Message);
    }

    [Fact]
    public void Memory_ConvertsSwapToSwapAloneAndUsesMax()
    {
        var cgroup = Created();

        cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 1000, Swap = 3000, Reservation = 500 } });
        cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = -1 } });
        cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 2000, Swap = 2000 } });

        Assert.Equal(
        [
            ("memory.swap.max", "2000"), ("memory.max", "1000"), ("memory.low", "500"),
            ("memory.swap.max", "max"), ("memory.max", "max"),
            ("memory.swap.max", "0"), ("memory.max", "2000"),
        ], Writes());
    }

    [Theory]
    [InlineData(1000L, 500L, "must be at least the memory limit")]
    [InlineData(0L, 500L, "without a memory limit")]
    public void Memory_InvalidSwap_IsRefusedBeforeWriting(long limit, long swap, string message)
    {
        var cgroup = Created();

        var error = Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = limit, Swap = swap } }));

        Assert.Contains(message, error.Message);
        Assert.Empty(Writes());
    }

    [Fact]
    public void Memory_V1OnlySettings_AreRefusedAndKernelMemoryIgnored()
    {
        var cgroup = Created();

        Assert.Contains("swappiness", Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Swappiness = 10 } })).Message);
        Assert.Contains("OOM killer", Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { DisableOomKiller = true } })).Message);
        cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Kernel = 1 << 20, KernelTcp = 1 << 20 } });

        Assert.Empty(Writes());
    }

    [Theory]
    [InlineData(2UL, "1")]
    [InlineData(1024UL, "39")]
    [InlineData(262144UL, "10000")]
    public void Cpu_ConvertsSharesToWeight(ulong shares, string weight)
    {
        var cgroup = Created();

        cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Shares = shares } });

        Assert.Equal([("cpu.weight", weight)], Writes());
    }

    [Fact]
    public void Cpu_WritesCpuMaxKeepingTheUnchangedPart()
    {
        var cgroup = Created();

        cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Quota = 50000, Period = 200000 } });
        cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Period = 100000 } });
        cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Quota = -1 } });
        cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Burst = 1000, Idle = 1 } });

        Assert.Equal(
        [
            ("cpu.max", "50000 200000"), ("cpu.max", "50000 100000"), ("cpu.max", "max 100000"),
            ("cpu.max.burst", "1000"), ("cpu.idle", "1"),
        ], Writes());
    }

    [Fact]
    public void Cpu_RealtimeAndOutOfRangeShares_AreRefused()
    {
        var cgroup = Created();

        Assert.Contains("real-time", Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { RealtimeRuntime = 1000 } })).Message);
        Assert.Contains("2-262144", Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { Cpu = new LinuxCpu { Shares = 1 } })).Message);
    }

    [Fact]
    public void Cpuset_PidsAndHugetlb_WriteTheirFiles()
    {
        var cgroup = Created();

        cgroup.Apply(new LinuxResources
        {
            Cpu = new LinuxCpu { Cpus = "1", Mems = "0" },
            Pids = new LinuxPids { Limit = -1 },
            HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 2097152 }],
        });

        Assert.Equal([("cpuset.cpus", "1"), ("cpuset.mems", "0"), ("pids.max", "max"), ("hugetlb.2MB.max", "2097152")], Writes());
    }

    [Fact]
    public void Io_ConvertsWeightsAndWritesIoMax()
    {
        var cgroup = Created();

        cgroup.Apply(new LinuxResources
        {
            BlockIo = new LinuxBlockIo
            {
                Weight = 500,
                WeightDevice = [new LinuxWeightDevice { Major = 8, Minor = 0, Weight = 1000 }],
                ThrottleReadBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 1000 }],
                ThrottleWriteBpsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 0 }],
                ThrottleReadIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 10 }],
                ThrottleWriteIopsDevice = [new LinuxThrottleDevice { Major = 8, Minor = 0, Rate = 20 }],
            },
        });

        Assert.Equal(
        [
            ("io.weight", "default 4950"), ("io.weight", "8:0 10000"),
            ("io.max", "8:0 rbps=1000"), ("io.max", "8:0 wbps=max"), ("io.max", "8:0 riops=10"), ("io.max", "8:0 wiops=20"),
        ], Writes());
    }

    [Fact]
    public void Io_UsesBfqWeightAsIsWhenPresent()
    {
        var cgroup = Created();
        FakeCgroupHost.Set(_host.V2Dir("/berth/c"), "io.bfq.weight", "default 100");

        cgroup.Apply(new LinuxResources { BlockIo = new LinuxBlockIo { Weight = 500 } });

        Assert.Equal([("io.bfq.weight", "500")], Writes());
    }

    [Fact]
    public void Unified_WritesRawFilesLast_AndRefusesUnknownOnes()
    {
        var cgroup = Created();

        cgroup.Apply(new LinuxResources { Pids = new LinuxPids { Limit = 5 }, Unified = new() { ["memory.high"] = "1048576" } });
        var unknown = Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { Unified = new() { ["rdma.max"] = "x" } }));
        var escape = Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { Unified = new() { ["../memory.max"] = "1" } }));

        Assert.Equal([("pids.max", "5"), ("memory.high", "1048576")], Writes());
        Assert.Contains("rdma controller is not enabled", unknown.Message);
        Assert.Contains("invalid unified cgroup resource", escape.Message);
    }

    [Fact]
    public void Devices_WithAnInvalidRule_FailBeforeAnyWrite()
    {
        var cgroup = Created();

        var error = Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources
        {
            Pids = new LinuxPids { Limit = 5 },
            Devices = [new LinuxDeviceCgroup { Allow = true, Type = "x", Access = "rwm" }],
        }));

        Assert.Contains("invalid device rule type", error.Message);
        Assert.Empty(Writes());
    }

    [Fact]
    public void Freeze_WritesCgroupFreezeAndWaitsForEvents()
    {
        var cgroup = Created();

        cgroup.Freeze();
        Assert.True(cgroup.IsFrozen());
        cgroup.Thaw();

        Assert.False(cgroup.IsFrozen());
        Assert.Equal([("cgroup.freeze", "1"), ("cgroup.freeze", "0")], Writes());
    }

    [Fact]
    public void GetOomKillCount_ReadsMemoryEvents()
    {
        var cgroup = Created();
        FakeCgroupHost.Set(_host.V2Dir("/berth/c"), "memory.events", "low 0\nhigh 0\nmax 4\noom 2\noom_kill 2\n");

        Assert.Equal(2ul, cgroup.GetOomKillCount());
    }

    [Fact]
    public void Destroy_RemovesTheCgroupButNotItsParent()
    {
        var cgroup = Created();

        cgroup.Destroy();

        Assert.False(cgroup.Exists());
        Assert.True(Directory.Exists(_host.V2Dir("/berth")));
    }
}

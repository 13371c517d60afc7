using System.Text.Json;
using Berth.Daemon.Api;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Errors;

namespace Berth.UnitTests.Daemon.Spec;

/// <summary>cgroup limits in the spec, dockerd's create-time checks on them, and the create body's JSON names.</summary>
public sealed class ResourceSpecTests : SpecTestBase
{
    private Berth.Oci.RuntimeSpec.LinuxResources R(HostConfig h) => F.Build(host: h).Linux!.Resources!;

    [Fact]
    public void MemoryLimitDefaultsSwapToTwice()
    {
        var m = R(new HostConfig { Memory = 32 << 20 }).Memory!;
        Assert.Equal((32L << 20, 64L << 20), (m.Limit, m.Swap));
        Assert.Null(m.Reservation);
    }

    [Fact]
    public void SwapAndReservationAsGiven()
    {
        var m = R(new HostConfig { Memory = 32 << 20, MemorySwap = -1, MemoryReservation = 16 << 20, OomKillDisable = true }).Memory!;
        Assert.Equal(((long?)null, 16L << 20, true), (m.Swap, m.Reservation, m.DisableOomKiller));
    }

    [Fact]
    public void NoLimitsMeansNoMemoryValues()
    {
        var r = R(new HostConfig());
        Assert.Null(r.Memory!.Limit);
        Assert.Null(r.Memory.Swap);
        Assert.Null(r.Pids);
        Assert.Equal(0ul, r.Cpu!.Shares);
        Assert.Null(r.Cpu.Quota);
        Assert.Equal((ushort)0, r.BlockIo!.Weight);
    }

    [Fact]
    public void NanoCpusBecomeQuotaOverAPeriodOf100ms()
    {
        var cpu = R(new HostConfig { NanoCpus = 1_500_000_000 }).Cpu!;
        Assert.Equal((150_000L, 100_000ul), (cpu.Quota, cpu.Period));
    }

    [Fact]
    public void CpuValuesAsGiven()
    {
        var cpu = R(new HostConfig { CpuShares = 512, CpuPeriod = 50_000, CpuQuota = 25_000, CpusetCpus = "0-1", CpusetMems = "0" }).Cpu!;
        Assert.Equal((512ul, 50_000ul, 25_000L, "0-1", "0"), (cpu.Shares, cpu.Period, cpu.Quota, cpu.Cpus, cpu.Mems));
        Assert.Equal(2ul, R(new HostConfig { CpuShares = 1 }).Cpu!.Shares);
        Assert.Equal(262_144ul, R(new HostConfig { CpuShares = 1 << 20 }).Cpu!.Shares);
    }

    [Theory]
    [InlineData(20L, 20L)]
    [InlineData(0L, -1L)]
    [InlineData(-5L, -1L)]
    public void PidsLimit(long given, long expected) => Assert.Equal(expected, R(new HostConfig { PidsLimit = given }).Pids!.Limit);

    [Fact]
    public void BlkioWeight() => Assert.Equal((ushort)300, R(new HostConfig { BlkioWeight = 300 }).BlockIo!.Weight);

    public static TheoryData<HostConfig, string> Invalid => new()
    {
        { new HostConfig { Memory = 1 << 20 }, "Minimum memory limit allowed is 6MB" },
        { new HostConfig { Memory = 32 << 20, MemorySwap = 16 << 20 }, "Minimum memoryswap limit should be larger than memory limit, see usage" },
        { new HostConfig { MemorySwap = 16 << 20 }, "You should always set the Memory limit when using Memoryswap limit, see usage" },
        { new HostConfig { MemoryReservation = 1 << 20 }, "Minimum memory reservation allowed is 6MB" },
        { new HostConfig { Memory = 16 << 20, MemoryReservation = 32 << 20 }, "Minimum memory limit can not be less than memory reservation limit, see usage" },
        { new HostConfig { NanoCpus = 1_000_000_000, CpuPeriod = 100_000 }, "Conflicting options: Nano CPUs and CPU Period cannot both be set" },
        { new HostConfig { NanoCpus = 1_000_000_000, CpuQuota = 100_000 }, "Conflicting options: Nano CPUs and CPU Quota cannot both be set" },
        { new HostConfig { NanoCpus = 3_000_000_000 }, "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available" },
        { new HostConfig { CpuPeriod = 500 }, "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)" },
        { new HostConfig { CpuQuota = 500 }, "CPU cfs quota can not be less than 1ms (i.e. 1000)" },
        { new HostConfig { CpusetCpus = "0-x" }, "Invalid value 0-x for cpuset cpus" },
        { new HostConfig { CpusetCpus = "3" }, "Requested CPUs are not available - requested 3, available: 0-1" },
        { new HostConfig { CpusetMems = "1" }, "Requested memory nodes are not available - requested 1, available: 0" },
        { new HostConfig { CpusetMems = "a" }, "Invalid value a for cpuset mems" },
        { new HostConfig { BlkioWeight = 5 }, "Range of blkio weight is from 10 to 1000" },
        { new HostConfig { OomScoreAdj = 1001 }, "Invalid value 1001, range for oom score adj is [-1000, 1000]" },
        { new HostConfig { ShmSize = -1 }, "SHM size can not be less than 0" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidResourcesAreRefusedWithDockersMessage(HostConfig h, string message)
    {
        Assert.Equal(message, Assert.Throws<BadRequestError>(() => F.Builder.Validate(new ContainerCreateConfig(), h)).Message);
        Assert.Equal(400, Assert.Throws<BadRequestError>(() => F.Build(host: h)).StatusCode);
    }

    [Fact]
    public void BlkioWeightIsDiscardedWithDockersWarningWhereTheHostCannotWeight()
    {
        var h = new HostConfig { BlkioWeight = 300 };
        var warnings = Berth.Daemon.Containers.Spec.ResourceLimits.DiscardUnsupported(h, new(2, "0-1", "0", BlkioWeight: false));
        Assert.Equal(["Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded."], warnings);
        Assert.Equal(0, h.BlkioWeight);

        var kept = new HostConfig { BlkioWeight = 300 };
        Assert.Empty(Berth.Daemon.Containers.Spec.ResourceLimits.DiscardUnsupported(kept, new(2, "0-1", "0", BlkioWeight: true)));
        Assert.Equal(300, kept.BlkioWeight);
    }

    [Fact]
    public void CreateBodyReadsDockersFieldNames()
    {
        const string body = """
            {"Hostname":"h","User":"app","Env":["A=1"],"Cmd":["sh"],"Entrypoint":null,"Image":"alpine","Tty":true,
             "OpenStdin":true,"AttachStdout":true,"Labels":{"k":"v"},"StopSignal":"SIGINT","StopTimeout":3,
             "ExposedPorts":{"80/tcp":{}},"Volumes":{"/data":{}},"Healthcheck":{"Test":["NONE"]},
             "HostConfig":{"Memory":33554432,"MemorySwap":-1,"NanoCpus":1500000000,"CpusetCpus":"0","PidsLimit":20,
              "OomKillDisable":true,"CapAdd":["NET_ADMIN"],"CapDrop":["ALL"],"SecurityOpt":["no-new-privileges"],
              "Tmpfs":{"/run":"size=1m"},"ShmSize":67108864,"Devices":[{"PathOnHost":"/dev/fuse","PathInContainer":"/dev/fuse","CgroupPermissions":"rwm"}],
              "Ulimits":[{"Name":"nofile","Soft":1,"Hard":2}],"NetworkMode":"none","RestartPolicy":{"Name":"on-failure","MaximumRetryCount":2},
              "LogConfig":{"Type":"json-file","Config":{}},"AutoRemove":true,"ReadonlyRootfs":true,"Privileged":false,"Init":null}}
            """;
        var req = JsonSerializer.Deserialize(body, ApiJsonContext.Default.ContainerCreateRequest)!;
        Assert.Equal(("h", "app", true, "SIGINT", 3), (req.Hostname, req.User, req.Tty, req.StopSignal, req.StopTimeout));
        Assert.Contains("80/tcp", req.ExposedPorts!.Keys);
        var h = req.HostConfig!;
        Assert.Equal((33554432L, -1L, 1500000000L, 20L, true), (h.Memory, h.MemorySwap, h.NanoCpus, h.PidsLimit, h.OomKillDisable));
        Assert.Equal(("on-failure", 2, "json-file", true), (h.RestartPolicy!.Name, h.RestartPolicy.MaximumRetryCount, h.LogConfig!.Type, h.AutoRemove));
        Assert.Equal("/dev/fuse", h.Devices![0].PathInContainer);
        Assert.Equal("nofile", h.Ulimits![0].Name);
        Assert.Null(h.Init);
    }
}

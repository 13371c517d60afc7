using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Lifecycle;

namespace Berth.UnitTests.Runtime;

public sealed class ResourceMergeTests
{
    [Fact]
    public void Merge_KeepsWhatTheUpdateDoesNotMention()
    {
        var current = new LinuxResources
        {
            Memory = new LinuxMemory { Limit = 100, Swap = 200 },
            Cpu = new LinuxCpu { Shares = 512, Cpus = "0" },
            Pids = new LinuxPids { Limit = 20 },
        };
        var merged = ResourceMerge.Merge(current, new LinuxResources { Memory = new LinuxMemory { Limit = 300 }, Cpu = new LinuxCpu { Quota = 50000 } });
        Assert.Equal(300, merged.Memory!.Limit);
        Assert.Equal(200, merged.Memory.Swap);
        Assert.Equal(512UL, merged.Cpu!.Shares);
        Assert.Equal(50000, merged.Cpu.Quota);
        Assert.Equal("0", merged.Cpu.Cpus);
        Assert.Equal(20, merged.Pids!.Limit);
    }

    [Fact]
    public void Merge_StartsFromNothing()
    {
        var merged = ResourceMerge.Merge(null, new LinuxResources { Pids = new LinuxPids { Limit = 5 } });
        Assert.Equal(5, merged.Pids!.Limit);
        Assert.Null(merged.Memory);
    }
}

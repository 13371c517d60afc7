using Berth.Runtime;
using Berth.Runtime.Cgroups.Common;

namespace Berth.UnitTests.Cgroups;

public class ResourceConversionTests
{
    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(2UL, 1UL)]
    [InlineData(512UL, 20UL)]
    [InlineData(1024UL, 39UL)]
    [InlineData(262144UL, 10000UL)]
    public void CpuSharesToWeight_UsesRuncsFormula(ulong shares, ulong weight)
        => Assert.Equal(weight, ResourceConversions.CpuSharesToWeight(shares));

    [Theory]
    [InlineData(0, 0UL)]
    [InlineData(10, 1UL)]
    [InlineData(100, 910UL)]
    [InlineData(500, 4950UL)]
    [InlineData(1000, 10000UL)]
    public void BlkioWeightToIoWeight_UsesRuncsFormula(ushort blkio, ulong io)
        => Assert.Equal(io, ResourceConversions.BlkioWeightToIoWeight(blkio));

    [Theory]
    [InlineData(0L, 0L, 0L)]
    [InlineData(-1L, 1000L, -1L)]
    [InlineData(0L, -1L, -1L)]
    [InlineData(3000L, 1000L, 2000L)]
    [InlineData(1000L, 1000L, 0L)]
    public void SwapToV2_SubtractsMemory(long swap, long memory, long expected)
        => Assert.Equal(expected, ResourceConversions.SwapToV2(swap, memory));

    [Fact]
    public void SwapToV2_WithoutAMemoryLimit_IsAnError()
        => Assert.Throws<RuntimeException>(() => ResourceConversions.SwapToV2(1000, -1));
}

using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>The v2 hugetlb controller: hugetlb.&lt;size&gt;.max per page size, and .rsvd.max where the kernel has it.</summary>
internal sealed class Hugetlb : IResourceController
{
    public string Name => "hugetlb";

    public bool IsRequested(LinuxResources resources) => resources.HugepageLimits is { Count: > 0 };

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        foreach (var limit in resources.HugepageLimits!)
        {
            if (!directory.Has($"hugetlb.{limit.PageSize}.max"))
                throw new RuntimeException($"invalid huge page size \"{limit.PageSize}\": the kernel offers "
                    + $"{string.Join(", ", PageSizes(directory).DefaultIfEmpty("none"))}");
        }
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        foreach (var limit in resources.HugepageLimits!)
        {
            directory.Write($"hugetlb.{limit.PageSize}.max", limit.Limit);
            if (directory.Has($"hugetlb.{limit.PageSize}.rsvd.max"))
                directory.Write($"hugetlb.{limit.PageSize}.rsvd.max", limit.Limit);
        }
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        foreach (var size in PageSizes(directory))
        {
            string events = $"hugetlb.{size}.events";
            stats.Hugetlb[size] = new HugetlbStats
            {
                Usage = directory.ReadUInt64OrZero($"hugetlb.{size}.current"),
                Failcnt = directory.Has(events) ? directory.ReadKeyedValues(events).GetValueOrDefault("max") : 0,
            };
        }
    }

    /// <summary>The page sizes the cgroup has files for (hugetlb.2MB.max → "2MB").</summary>
    private static IEnumerable<string> PageSizes(CgroupDirectory directory)
        => directory.Files.FileNames(directory.Path)
            .Where(f => f.StartsWith("hugetlb.", StringComparison.Ordinal) && f.EndsWith(".max", StringComparison.Ordinal) && f.Count(c => c == '.') == 2)
            .Select(f => f["hugetlb.".Length..^".max".Length])
            .Order(StringComparer.Ordinal);
}

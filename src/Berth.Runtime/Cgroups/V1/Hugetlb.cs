using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>The v1 hugetlb controller: a limit per page size ("2MB"), and the reservation limit where the kernel has one.</summary>
internal sealed class Hugetlb : IResourceController
{
    public string Name => "hugetlb";

    public bool IsRequested(LinuxResources resources) => resources.HugepageLimits is { Count: > 0 };

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        foreach (var limit in resources.HugepageLimits!)
        {
            if (!directory.Has(LimitFile(limit.PageSize)))
                throw new RuntimeException($"invalid huge page size \"{limit.PageSize}\": the kernel offers "
                    + $"{string.Join(", ", PageSizes(directory).DefaultIfEmpty("none"))}");
        }
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        foreach (var limit in resources.HugepageLimits!)
        {
            directory.Write(LimitFile(limit.PageSize), limit.Limit);
            // Reservations (kernel 5.7+) are limited too, or a task could reserve past the limit and fault later.
            string reservation = $"hugetlb.{limit.PageSize}.rsvd.limit_in_bytes";
            if (directory.Has(reservation))
                directory.Write(reservation, limit.Limit);
        }
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        foreach (var size in PageSizes(directory))
        {
            stats.Hugetlb[size] = new HugetlbStats
            {
                Usage = directory.ReadUInt64OrZero($"hugetlb.{size}.usage_in_bytes"),
                Max = directory.ReadUInt64OrZero($"hugetlb.{size}.max_usage_in_bytes"),
                Failcnt = directory.ReadUInt64OrZero($"hugetlb.{size}.failcnt"),
            };
        }
    }

    private static string LimitFile(string pageSize) => $"hugetlb.{pageSize}.limit_in_bytes";

    /// <summary>The page sizes the cgroup has files for (hugetlb.2MB.limit_in_bytes → "2MB").</summary>
    private static IEnumerable<string> PageSizes(CgroupDirectory directory)
        => directory.Files.FileNames(directory.Path)
            .Where(f => f.StartsWith("hugetlb.", StringComparison.Ordinal) && f.EndsWith(".limit_in_bytes", StringComparison.Ordinal)
                        && f.Count(c => c == '.') == 2)
            .Select(f => f["hugetlb.".Length..f.IndexOf(".limit_in_bytes", StringComparison.Ordinal)])
            .Order(StringComparer.Ordinal);
}

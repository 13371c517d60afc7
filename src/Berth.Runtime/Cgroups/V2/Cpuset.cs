using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>The v2 cpuset controller: cpuset.cpus and cpuset.mems (an empty v2 cpuset inherits its parent's, so nothing is copied).</summary>
internal sealed class Cpuset : IResourceController
{
    public string Name => "cpuset";

    public bool IsRequested(LinuxResources resources)
        => resources.Cpu is { } c && (!string.IsNullOrEmpty(c.Cpus) || !string.IsNullOrEmpty(c.Mems));

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        var cpu = resources.Cpu!;
        if (!string.IsNullOrEmpty(cpu.Cpus) && !CgroupValues.IsValidList(cpu.Cpus))
            throw new RuntimeException($"invalid cpuset CPUs \"{cpu.Cpus}\": use a list such as 0-3,5");
        if (!string.IsNullOrEmpty(cpu.Mems) && !CgroupValues.IsValidList(cpu.Mems))
            throw new RuntimeException($"invalid cpuset memory nodes \"{cpu.Mems}\": use a list such as 0-1");
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var cpu = resources.Cpu!;
        if (!string.IsNullOrEmpty(cpu.Cpus))
            directory.Write("cpuset.cpus", cpu.Cpus);
        if (!string.IsNullOrEmpty(cpu.Mems))
            directory.Write("cpuset.mems", cpu.Mems);
    }

    /// <summary>The effective sets, which v2 always fills (from the parent when the cgroup's own are empty).</summary>
    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        if (directory.ReadIfExists("cpuset.cpus.effective") is string cpus)
            stats.Cpuset.Cpus = CgroupStats.NullIfEmpty(CgroupValues.ParseList(cpus, directory.FilePath("cpuset.cpus.effective")));
        if (directory.ReadIfExists("cpuset.mems.effective") is string mems)
            stats.Cpuset.Mems = CgroupStats.NullIfEmpty(CgroupValues.ParseList(mems, directory.FilePath("cpuset.mems.effective")));
    }
}

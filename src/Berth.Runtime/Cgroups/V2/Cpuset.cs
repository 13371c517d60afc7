using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>The v2 cpuset controller: cpuset.cpus and cpuset.mems (an empty v2 cpuset inherits its parent's, so nothing is copied).</summary>
internal sealed class Cpuset : IResourceController
{
    public string Name => "cpuset";

    public bool IsRequested(LinuxResources resources) => CpusetSettings.IsRequested(resources);

    public void Validate(CgroupDirectory directory, LinuxResources resources) => CpusetSettings.Validate(resources);

    public void Apply(CgroupDirectory directory, LinuxResources resources) => CpusetSettings.Apply(directory, resources);

    /// <summary>The effective sets, which v2 always fills (from the parent when the cgroup's own are empty).</summary>
    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        if (directory.ReadIfExists("cpuset.cpus.effective") is string cpus)
            stats.Cpuset.Cpus = CgroupStats.NullIfEmpty(CgroupValues.ParseList(cpus, directory.FilePath("cpuset.cpus.effective")));
        if (directory.ReadIfExists("cpuset.mems.effective") is string mems)
            stats.Cpuset.Mems = CgroupStats.NullIfEmpty(CgroupValues.ParseList(mems, directory.FilePath("cpuset.mems.effective")));
    }
}

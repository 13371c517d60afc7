using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>The v1 pids controller: pids.max and the task count.</summary>
internal sealed class Pids : IResourceController
{
    public string Name => "pids";

    public bool IsRequested(LinuxResources resources) => resources.Pids is not null;

    public void Validate(CgroupDirectory directory, LinuxResources resources) { }

    public void Apply(CgroupDirectory directory, LinuxResources resources) => PidsFiles.WriteLimit(directory, resources.Pids!.Limit);

    public void CollectStats(CgroupDirectory directory, CgroupStats stats) => PidsFiles.ReadStats(directory, stats);
}

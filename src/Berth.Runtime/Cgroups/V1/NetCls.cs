using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>The v1 net_cls controller: the class ID traffic control and netfilter see on the cgroup's packets.</summary>
internal sealed class NetCls : IResourceController
{
    public string Name => "net_cls";

    public bool IsRequested(LinuxResources resources) => resources.Network?.ClassId is not null;

    public void Validate(CgroupDirectory directory, LinuxResources resources) { }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
        => directory.Write("net_cls.classid", (ulong)resources.Network!.ClassId!.Value);

    public void CollectStats(CgroupDirectory directory, CgroupStats stats) { }
}

using System.Globalization;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>The v1 net_prio controller: a priority per network interface, one "name priority" line per write.</summary>
internal sealed class NetPrio : IResourceController
{
    public string Name => "net_prio";

    public bool IsRequested(LinuxResources resources) => resources.Network?.Priorities is { Count: > 0 };

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        foreach (var priority in resources.Network!.Priorities!)
        {
            if (priority.Name.Length == 0 || priority.Name.Any(c => c is ' ' or '\n' or '/'))
                throw new RuntimeException($"invalid interface name \"{priority.Name}\" in network priorities");
        }
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        foreach (var priority in resources.Network!.Priorities!)
            directory.Write("net_prio.ifpriomap", string.Create(CultureInfo.InvariantCulture, $"{priority.Name} {priority.Priority}"));
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats) { }
}

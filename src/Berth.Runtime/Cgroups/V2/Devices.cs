using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Devices;
using Berth.Runtime.Cgroups.Stats;
using Berth.Runtime.Cgroups.V2.DeviceFilter;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>
/// Device access on cgroup v2, which has no devices files: the rules are compiled to a BPF_PROG_TYPE_CGROUP_DEVICE
/// program and attached to the cgroup, replacing the one attached before.
/// </summary>
internal sealed class Devices : IResourceController
{
    public string Name => "devices";

    public bool IsRequested(LinuxResources resources) => resources.Devices is not null;

    public void Validate(CgroupDirectory directory, LinuxResources resources) => DeviceRuleSet.FromSpec(resources.Devices!);

    public void Apply(CgroupDirectory directory, LinuxResources resources)
        => DeviceProgramAttachment.Replace(directory.Path, DeviceProgram.Compile(DeviceRuleSet.FromSpec(resources.Devices!)));

    public void CollectStats(CgroupDirectory directory, CgroupStats stats) { }
}

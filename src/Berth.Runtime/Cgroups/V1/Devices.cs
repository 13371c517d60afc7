using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Devices;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>
/// The v1 devices controller. The spec's rules are reduced to the kernel's state (DeviceRuleSet); only the writes
/// that move the cgroup from what devices.list shows to that state are made, then devices.list is checked.
/// </summary>
internal sealed class Devices : IResourceController
{
    public string Name => "devices";

    public bool IsRequested(LinuxResources resources) => resources.Devices is not null;

    public void Validate(CgroupDirectory directory, LinuxResources resources) => DeviceRuleSet.FromSpec(resources.Devices!);

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var target = DeviceRuleSet.FromSpec(resources.Devices!);
        var current = DeviceRuleSet.FromV1List(directory.Read("devices.list"));
        foreach (var (file, line) in target.V1WritesFrom(current))
            directory.Write(file, line);

        // The kernel silently narrows what a child may get to what its parent has; say so instead of running
        // a container with other devices than asked for.
        var result = DeviceRuleSet.FromV1List(directory.Read("devices.list"));
        bool matches = target.DefaultAllow ? result.DefaultAllow : result.SameAs(target);
        if (!matches)
            throw new RuntimeException($"the devices cgroup {directory.Path} did not take the requested rules "
                + $"(it lists {Summary(result)}; wanted {Summary(target)})");
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats) { }

    private static string Summary(DeviceRuleSet rules)
        => rules.ToV1List().TrimEnd('\n').Replace('\n', ',') is { Length: > 0 } list ? list : "nothing";
}

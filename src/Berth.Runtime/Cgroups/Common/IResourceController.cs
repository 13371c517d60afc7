using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>
/// One cgroup controller of one cgroup version: which resources it owns, how it checks and writes them, and
/// which statistics it reports. Adding a controller means adding one of these, not editing a switch.
/// </summary>
internal interface IResourceController
{
    /// <summary>The kernel's name of the controller ("memory", "cpu", "io").</summary>
    string Name { get; }

    /// <summary>Whether the resources set anything this controller applies.</summary>
    bool IsRequested(LinuxResources resources);

    /// <summary>Checks the requested values against the directory before anything is written; throws RuntimeException.</summary>
    void Validate(CgroupDirectory directory, LinuxResources resources);

    /// <summary>Writes the requested values; fields that are absent stay as they are.</summary>
    void Apply(CgroupDirectory directory, LinuxResources resources);

    /// <summary>Adds this controller's counters to the statistics.</summary>
    void CollectStats(CgroupDirectory directory, CgroupStats stats);
}

using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Lifecycle;

/// <summary>`update`: changes a container's cgroup limits and remembers them in its state.</summary>
internal static class Update
{
    /// <summary>Applies the given resources (only the fields present) and records the merged result.</summary>
    internal static void Run(Container container, LinuxResources changes)
    {
        if (container.Status == ContainerStatus.Stopped) throw new RuntimeException("container not running");
        container.Cgroup.Apply(changes);
        var spec = container.Record.Spec;
        spec.Linux ??= new Linux();
        spec.Linux.Resources = ResourceMerge.Merge(spec.Linux.Resources, changes);
        container.Store.Save(container.Record);
    }
}

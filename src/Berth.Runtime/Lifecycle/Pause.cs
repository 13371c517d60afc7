using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Lifecycle;

/// <summary>`pause` and `resume`: freeze and thaw every process of the container through its cgroup.</summary>
internal static class Pause
{
    /// <summary>Freezes a running container.</summary>
    internal static void Freeze(Container container)
    {
        if (container.Status != ContainerStatus.Running) throw new RuntimeException("container not running");
        container.Cgroup.Freeze();
    }

    /// <summary>Thaws a paused container.</summary>
    internal static void Thaw(Container container)
    {
        if (container.Status != ContainerStatus.Paused) throw new RuntimeException("container not paused");
        container.Cgroup.Thaw();
    }
}

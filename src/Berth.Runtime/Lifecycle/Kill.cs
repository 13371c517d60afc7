using Berth.Oci.RuntimeSpec;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Lifecycle;

/// <summary>`kill`: sends a signal to the container's init, or with --all to every process in its cgroup.</summary>
internal static class Kill
{
    /// <summary>Signals the container.</summary>
    internal static void Run(Container container, int signal, bool all)
    {
        var status = container.Status;
        if (all)
        {
            SignalAll(container, signal);
            return;
        }
        if (status == ContainerStatus.Stopped) throw new RuntimeException("container not running");
        if (kill(container.Record.InitPid, signal) != 0) throw Error("kill");
    }

    /// <summary>Signals every process of the cgroup; a frozen cgroup is thawed so SIGKILL can take effect.</summary>
    internal static void SignalAll(Container container, int signal)
    {
        var cgroup = container.Cgroup;
        if (!cgroup.Exists()) return;
        foreach (var pid in cgroup.GetPids()) kill(pid, signal);
        if (signal == 9 && container.Status == ContainerStatus.Paused) cgroup.Thaw();
    }
}

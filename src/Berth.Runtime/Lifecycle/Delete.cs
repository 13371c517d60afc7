using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Hooks;
using Berth.Runtime.State;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Lifecycle;

/// <summary>`delete`: removes a stopped (or, with --force, any) container: its processes, cgroup and state.</summary>
internal static class Delete
{
    /// <summary>Deletes the container.</summary>
    internal static void Run(Container container, bool force)
    {
        var status = container.Status;
        if (status is ContainerStatus.Running or ContainerStatus.Paused && !force)
            throw new RuntimeException($"cannot delete container {container.Record.Id} that is not stopped: {status}");
        if (status != ContainerStatus.Stopped)
        {
            kill(container.Record.InitPid, 9);
            Kill.SignalAll(container, 9);
            WaitUntilGone(container);
        }
        var cgroup = container.Cgroup;
        if (cgroup.Exists())
        {
            // Processes left behind by an init that died (or joined by exec) must not outlive the container.
            foreach (var pid in cgroup.GetPids()) kill(pid, 9);
            if (cgroup.IsFrozen()) cgroup.Thaw();
            cgroup.Destroy();
        }
        try
        {
            HookRunner.RunAll(container.Record.Spec.Hooks?.Poststop, "poststop", container.StateJson(ContainerStatus.Stopped));
        }
        catch (RuntimeException e)
        {
            RuntimeLog.Warn(e.Message);
        }
        container.Store.Remove(container.Record.Id);
    }

    /// <summary>`delete --force`: deletes the container whatever its status; one whose state cannot be read only loses
    /// its state folder, as with runc.</summary>
    internal static void Force(StateStore store, string id)
    {
        Container container;
        try { container = Container.Load(store, id); }
        catch (RuntimeException)
        {
            store.Remove(id);
            return;
        }
        Run(container, force: true);
    }

    private static void WaitUntilGone(Container container)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (container.InitAlive)
        {
            if (Environment.TickCount64 > deadline)
                throw new RuntimeException($"container {container.Record.Id} did not stop after SIGKILL");
            Thread.Sleep(5);
        }
    }
}

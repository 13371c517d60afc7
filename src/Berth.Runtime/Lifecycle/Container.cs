using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups;
using Berth.Runtime.Init;
using Berth.Runtime.State;

namespace Berth.Runtime.Lifecycle;

/// <summary>A container known to the state store, with its live status derived from the kernel.</summary>
internal sealed class Container(StateStore store, ContainerRecord record)
{
    /// <summary>The store the container lives in.</summary>
    internal StateStore Store { get; } = store;

    /// <summary>The persisted record.</summary>
    internal ContainerRecord Record { get; } = record;

    /// <summary>Loads a container by id.</summary>
    internal static Container Load(StateStore store, string id) => new(store, store.Load(id));

    /// <summary>The container's cgroup.</summary>
    internal ICgroup Cgroup => _cgroup ??= Record.CgroupPaths.Count > 0
        ? Cgroups.Cgroup.FromPaths(Record.CgroupPaths)
        : Cgroups.Cgroup.Open(Record.Spec.Linux?.CgroupsPath, Record.Id);

    private ICgroup? _cgroup;

    /// <summary>True while the container's init process is the one that was recorded.</summary>
    internal bool InitAlive => ProcessProbe.IsAlive(Record.InitPid, Record.InitStartTime);

    /// <summary>The path of the exec fifo, present from create until start.</summary>
    internal string FifoPath => Path.Combine(Store.DirectoryOf(Record.Id), StateStore.FifoName);

    /// <summary>created, running, paused or stopped, as the kernel shows it now.</summary>
    internal string Status
    {
        get
        {
            if (!InitAlive) return ContainerStatus.Stopped;
            if (File.Exists(FifoPath)) return ContainerStatus.Created;
            try { if (Cgroup.IsFrozen()) return ContainerStatus.Paused; }
            catch (RuntimeException) { /* no freezer: cannot be paused */ }
            return ContainerStatus.Running;
        }
    }

    /// <summary>The OCI state document; pid is 0 once stopped, as runc reports it.</summary>
    internal Oci.RuntimeSpec.State ToState(string? status = null)
    {
        status ??= Status;
        return new Oci.RuntimeSpec.State
        {
            Id = Record.Id,
            Pid = status == ContainerStatus.Stopped ? 0 : Record.InitPid,
            Status = status,
            Bundle = Record.Bundle,
            Rootfs = Record.Rootfs,
            Created = Record.Created,
            Owner = Record.Owner,
            Annotations = Record.Spec.Annotations,
        };
    }

    /// <summary>The state as hooks receive it on stdin.</summary>
    internal string StateJson(string? status = null)
        => JsonSerializer.Serialize(ToState(status), OciJsonContext.Default.State);

    /// <summary>Throws runc's message unless the container is in one of the allowed statuses.</summary>
    internal string Require(string action, params string[] allowed)
    {
        var status = Status;
        if (!allowed.Contains(status)) throw new RuntimeException($"cannot {action} a container that is {status}");
        return status;
    }
}

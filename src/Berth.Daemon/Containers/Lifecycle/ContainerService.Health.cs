using Berth.Daemon.Containers.Store;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>How a container's running state is about to change.</summary>
public enum RunChange { Started, Exited, Paused, Unpaused }

public sealed partial class ContainerService
{
    /// <summary>Raised under the container's lock when a start, exit, pause or unpause is about to be stored; handlers
    /// may adjust the record (its State.Health) and must not take the lock.</summary>
    public event Action<ContainerRecord, RunChange>? RunStateChanging;

    /// <summary>Runs <paramref name="action"/> on the container's current record (null once it is gone) under its
    /// lock, so what it stores cannot interleave with a start, stop or exit.</summary>
    public async Task WithLockAsync(string id, Action<ContainerRecord?> action)
    {
        using (await _locks.HoldAsync(id)) action(store.Get(id));
    }

    private void Changing(ContainerRecord c, RunChange change) => RunStateChanging?.Invoke(c, change);
}

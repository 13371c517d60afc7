namespace Berth.Daemon.Inventory;

/// <summary>How many containers there are in each state, as /info reports them.</summary>
public readonly record struct ContainerCounts(int Running, int Paused, int Stopped)
{
    /// <summary>All containers.</summary>
    public int Total => Running + Paused + Stopped;
}

/// <summary>Counts containers in each state.</summary>
public interface IContainerCounter
{
    /// <summary>The current counts.</summary>
    ContainerCounts Count();
}

/// <summary>Counts the containers in the container store.</summary>
public sealed class StoreContainerCounter(Containers.Store.ContainerStore store) : IContainerCounter
{
    /// <inheritdoc />
    public ContainerCounts Count()
    {
        var all = store.List();
        var paused = all.Count(c => c.State.Paused);
        var running = all.Count(c => c.State.Running) - paused;
        return new ContainerCounts(running, paused, all.Count - running - paused);
    }
}

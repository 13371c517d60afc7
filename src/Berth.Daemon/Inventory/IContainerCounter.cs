namespace Berth.Daemon.Inventory;

/// <summary>How many containers there are in each state, as /info reports them.</summary>
public readonly record struct ContainerCounts(int Running, int Paused, int Stopped)
{
    /// <summary>All containers.</summary>
    public int Total => Running + Paused + Stopped;
}

/// <summary>Counts containers; the container manager implements it.</summary>
public interface IContainerCounter
{
    /// <summary>The current counts.</summary>
    ContainerCounts Count();
}

/// <summary>The counter while berthd cannot create containers: there are truly none.</summary>
public sealed class NoContainers : IContainerCounter
{
    /// <inheritdoc />
    public ContainerCounts Count() => default;
}

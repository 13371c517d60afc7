namespace Berth.Daemon.Inventory;

/// <summary>Counts images; the image store implements it.</summary>
public interface IImageCounter
{
    /// <summary>The number of images.</summary>
    int Count();
}

/// <summary>The counter while berthd has no image store: there are truly none.</summary>
public sealed class NoImages : IImageCounter
{
    /// <inheritdoc />
    public int Count() => 0;
}

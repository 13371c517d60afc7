namespace Berth.Daemon.Inventory;

/// <summary>Counts images; the image store implements it.</summary>
public interface IImageCounter
{
    /// <summary>The number of images.</summary>
    int Count();
}

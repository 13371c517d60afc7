using Berth.Storage.Images;

namespace Berth.Daemon.Inventory;

/// <summary>Counts the images of the image store.</summary>
public sealed class StoreImageCounter(ImageStore store) : IImageCounter
{
    /// <inheritdoc />
    public int Count() => store.List().Count;
}

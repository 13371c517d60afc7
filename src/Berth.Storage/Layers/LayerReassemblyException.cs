namespace Berth.Storage.Layers;

/// <summary>A layer's original tar cannot be written back (no or a damaged tar-split, or files that changed): a fault of
/// the store (500), whose message names the layer.</summary>
public sealed class LayerReassemblyException(string message) : StorageException(500, message);

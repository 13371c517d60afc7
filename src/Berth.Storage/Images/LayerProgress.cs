namespace Berth.Storage.Images;

/// <summary>How far the unpacking of one layer has read: Current of Total bytes of the layer as stored in the archive.</summary>
/// <param name="Id">The layer's diff ID, shortened to 12 hex digits as Docker shows it.</param>
/// <param name="Current">Bytes read so far.</param>
/// <param name="Total">The size of the layer file in the archive.</param>
/// <param name="Done">True for the report of the end of the layer's data.</param>
public readonly record struct LayerProgress(string Id, long Current, long Total, bool Done);

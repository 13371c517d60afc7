namespace Berth.Storage.Metadata;

/// <summary>An unpacked layer, keyed by its chain ID; Parent is the chain ID of the layer below it.</summary>
public sealed record LayerRecord(string ChainId, string DiffId, string? Parent, long Size, DateTimeOffset Created);

/// <summary>An image: its ID (the config digest), the chain ID of its top layer, and what `images` shows.</summary>
public sealed record ImageRecord(string Id, string? TopLayer, string? Parent, DateTimeOffset Created, long Size, DateTimeOffset Loaded);

/// <summary>A reference (normalised name with tag or digest) and the image it points to.</summary>
public sealed record ReferenceRecord(string Name, string ImageId);

namespace Berth.Storage.Metadata;

/// <summary>An unpacked layer, keyed by its chain ID; Parent is the chain ID of the layer below it.</summary>
public sealed record LayerRecord(string ChainId, string DiffId, string? Parent, long Size, DateTimeOffset Created);

/// <summary>An image: its ID (the config digest), the chain ID of its top layer, and what `images` shows.</summary>
public sealed record ImageRecord(string Id, string? TopLayer, string? Parent, DateTimeOffset Created, long Size, DateTimeOffset Loaded);

/// <summary>A reference (normalised name with tag or digest) and the image it points to.</summary>
public sealed record ReferenceRecord(string Name, string ImageId);

/// <summary>A container as stored: its ID, unique name, the image it was made from, and berthd's record of it (JSON).</summary>
public sealed record ContainerRow(string Id, string Name, string ImageId, string Record);

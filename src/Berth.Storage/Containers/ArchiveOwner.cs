namespace Berth.Storage.Containers;

/// <summary>The owner `cp -a` (copyUIDGID) gives every extracted file: the container's user, resolved by the caller.</summary>
public sealed record ArchiveOwner(int Uid, int Gid);

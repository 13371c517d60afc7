namespace Berth.Storage.Snapshots;

/// <summary>How to mount a snapshot, in mount(8)'s terms, as containerd's mount.Mount: a runtime spec can carry it
/// as-is, or the snapshotter mounts it itself.</summary>
public sealed record MountSpec(string Type, string Source, IReadOnlyList<string> Options);

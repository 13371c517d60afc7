namespace Berth.Storage.Snapshots;

/// <summary>Writable views over a chain of unpacked layers, one per key (a container's root filesystem).</summary>
public interface ISnapshotter
{
    /// <summary>Creates the writable snapshot key over lowerDirs (top layer first); 409 when key exists.</summary>
    MountSpec Prepare(string key, IReadOnlyList<string> lowerDirs);

    /// <summary>Mounts snapshot key at target (an existing directory); 404 when key is unknown.</summary>
    void Mount(string key, string target);

    /// <summary>Unmounts whatever snapshot is mounted at target; nothing happens when nothing is.</summary>
    void Unmount(string target);

    /// <summary>Deletes snapshot key and its changes (unmount it first); 404 when key is unknown.</summary>
    void Remove(string key);
}

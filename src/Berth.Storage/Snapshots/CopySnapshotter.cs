using Berth.Storage.Interop;

namespace Berth.Storage.Snapshots;

/// <summary>The fallback where overlayfs is unavailable: each snapshot is a full copy of its layer chain (whiteouts
/// applied) in &lt;root&gt;/snapshots/&lt;key&gt;/fs, bind-mounted. Slow to prepare and costly in space, but works on
/// any filesystem.</summary>
public sealed class CopySnapshotter : ISnapshotter
{
    private readonly SnapshotDirectories _dirs;

    /// <summary>A snapshotter keeping its snapshots under root/snapshots.</summary>
    public CopySnapshotter(string root) => _dirs = new SnapshotDirectories(root);

    /// <inheritdoc/>
    public MountSpec Prepare(string key, IReadOnlyList<string> lowerDirs)
    {
        var lowers = lowerDirs.Select(Path.GetFullPath).ToList();
        foreach (var dir in lowers)
            if (!Directory.Exists(dir)) throw new SnapshotException(404, $"layer directory {dir} not found");
        var created = _dirs.Create(key, temp =>
        {
            var fs = Path.Combine(temp, "fs");
            Fs.Mkdir(fs, 0x1ED);
            for (var i = lowers.Count - 1; i >= 0; i--) LayerFlattener.CopyOnto(lowers[i], fs);
        });
        return Spec(created);
    }

    /// <inheritdoc/>
    public void Mount(string key, string target)
        => MountCalls.Mount(key, Path.Combine(_dirs.Existing(key), "fs"), target, null, Libc.MS_BIND | Libc.MS_REC, null);

    /// <inheritdoc/>
    public void Unmount(string target) => MountCalls.Unmount(target);

    /// <inheritdoc/>
    public void Remove(string key) => _dirs.Remove(key);

    /// <summary>The directory holding snapshot key's whole tree.</summary>
    public string RootDir(string key) => Path.Combine(_dirs.Existing(key), "fs");

    /// <summary>Sweeps half-built or half-removed snapshots; for start-up.</summary>
    public void RemoveLeftovers() => _dirs.RemoveLeftovers();

    private static MountSpec Spec(string dir) => new("bind", Path.Combine(dir, "fs"), ["rbind", "rw"]);
}

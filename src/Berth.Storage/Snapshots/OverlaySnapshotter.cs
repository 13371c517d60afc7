using System.Text;

namespace Berth.Storage.Snapshots;

/// <summary>Snapshots as overlayfs mounts: the layer dirs as lowerdir, and upper/ + work/ under
/// &lt;root&gt;/snapshots/&lt;key&gt;/ taking the container's changes.</summary>
public sealed class OverlaySnapshotter : ISnapshotter
{
    // mount(2) copies its data argument into one page, NUL included.
    private const int MaxOptionBytes = 4095;
    private const string LowersFile = "lowers";
    private readonly SnapshotDirectories _dirs;

    /// <summary>A snapshotter keeping its snapshots under root/snapshots.</summary>
    public OverlaySnapshotter(string root) => _dirs = new SnapshotDirectories(root);

    /// <inheritdoc/>
    public MountSpec Prepare(string key, IReadOnlyList<string> lowerDirs)
    {
        var lowers = lowerDirs.Select(Path.GetFullPath).ToList();
        foreach (var lower in lowers)
        {
            if (lower.IndexOfAny([':', ',', '\\']) >= 0)
                throw new SnapshotException(400, $"layer path {lower} cannot be an overlay lowerdir: it contains ':', ',' or '\\'");
            if (!Directory.Exists(lower)) throw new SnapshotException(404, $"layer directory {lower} not found");
        }
        // Checked before creating anything, against the final path the options will name.
        var spec = Spec(_dirs.PathFor(key), lowers);
        _dirs.Create(key, temp =>
        {
            Directory.CreateDirectory(Path.Combine(temp, "upper"));
            Directory.CreateDirectory(Path.Combine(temp, "work"));
            // overlayfs needs a lowerdir; a snapshot of no layers (FROM scratch) gets an empty one.
            if (lowers.Count == 0) Directory.CreateDirectory(Path.Combine(temp, "lower"));
            File.WriteAllLines(Path.Combine(temp, LowersFile), lowers);
        });
        return spec;
    }

    /// <inheritdoc/>
    public void Mount(string key, string target)
    {
        var spec = MountSpecOf(key);
        MountCalls.Mount(key, spec.Source, target, spec.Type, 0, string.Join(',', spec.Options));
    }

    /// <inheritdoc/>
    public void Unmount(string target) => MountCalls.Unmount(target);

    /// <inheritdoc/>
    public void Remove(string key) => _dirs.Remove(key);

    /// <summary>The mount spec of an existing snapshot.</summary>
    public MountSpec MountSpecOf(string key)
    {
        var dir = _dirs.Existing(key);
        return Spec(dir, File.ReadAllLines(Path.Combine(dir, LowersFile)).Where(l => l.Length > 0).ToList());
    }

    /// <summary>The directory holding snapshot key's changes (what a commit diffs).</summary>
    public string UpperDir(string key) => Path.Combine(_dirs.Existing(key), "upper");

    /// <summary>Sweeps half-built or half-removed snapshots; for start-up.</summary>
    public void RemoveLeftovers() => _dirs.RemoveLeftovers();

    private static MountSpec Spec(string dir, IReadOnlyList<string> lowers)
    {
        var lowerdir = lowers.Count == 0 ? Path.Combine(dir, "lower") : string.Join(':', lowers);
        string[] options = ["lowerdir=" + lowerdir, "upperdir=" + Path.Combine(dir, "upper"), "workdir=" + Path.Combine(dir, "work")];
        var length = Encoding.UTF8.GetByteCount(string.Join(',', options));
        if (length > MaxOptionBytes)
            throw new SnapshotException(400, $"overlay mount options for {lowers.Count} layers are {length} bytes, over the kernel's limit of {MaxOptionBytes}: the image has too many layers or its layer paths are too long");
        return new MountSpec("overlay", "overlay", options);
    }
}

using System.Security.Cryptography;
using Berth.Storage.Interop;

namespace Berth.Storage.Snapshots;

/// <summary>The &lt;root&gt;/snapshots/&lt;key&gt;/ folders both snapshotters keep, each created and removed by rename so
/// a crash leaves a whole snapshot or none (half-built ones stay as .tmp-* and are swept at start-up).</summary>
internal sealed class SnapshotDirectories
{
    private const string TempPrefix = ".tmp-";
    private readonly string _root;

    internal SnapshotDirectories(string root)
    {
        _root = Path.Combine(Path.GetFullPath(root), "snapshots");
        Directory.CreateDirectory(_root);
    }

    /// <summary>The folder of an existing snapshot; 404 when there is none.</summary>
    internal string Existing(string key)
    {
        var dir = PathOf(key);
        return Directory.Exists(dir) ? dir : throw new SnapshotException(404, $"snapshot {key} not found");
    }

    /// <summary>Builds a new snapshot folder with fill, then renames it into place.</summary>
    internal string Create(string key, Action<string> fill)
    {
        var dir = PathOf(key);
        if (Fs.Lstat(dir) is not null) throw new SnapshotException(409, $"snapshot {key} already exists");
        var temp = Path.Combine(_root, TempPrefix + key + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        try
        {
            Directory.CreateDirectory(temp);
            fill(temp);
            Directory.Move(temp, dir);
            Fs.SyncDirectory(_root);
            return dir;
        }
        catch (IOException e)
        {
            Fs.RemoveAll(temp);
            throw new SnapshotException(500, $"prepare snapshot {key}: {e.Message}", e);
        }
        catch
        {
            Fs.RemoveAll(temp);
            throw;
        }
    }

    /// <summary>Removes a snapshot: renamed away first, so a crash midway never leaves a half snapshot under its key.</summary>
    internal void Remove(string key)
    {
        var dir = Existing(key);
        var doomed = Path.Combine(_root, TempPrefix + "rm-" + key + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.Move(dir, doomed);
        Fs.RemoveAll(doomed);
    }

    /// <summary>Sweeps half-built and half-removed snapshots; for start-up.</summary>
    internal void RemoveLeftovers()
    {
        foreach (var dir in Directory.EnumerateDirectories(_root, TempPrefix + "*"))
            Fs.RemoveAll(dir);
    }

    /// <summary>Where snapshot key lives (or would), after validating the key.</summary>
    internal string PathFor(string key) => PathOf(key);

    private string PathOf(string key)
    {
        if (key.Length is 0 or > 128 || key is "." or ".." || key.StartsWith('.')
            || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new SnapshotException(400, $"invalid snapshot key \"{key}\": use 1-128 letters, digits, '-', '_' or '.', not starting with '.'");
        return Path.Combine(_root, key);
    }
}

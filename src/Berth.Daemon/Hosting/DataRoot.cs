using Berth.Daemon.Configuration;

namespace Berth.Daemon.Hosting;

/// <summary>The data root on disk: created 0711 (others may traverse to container files, not list them), tmp/ emptied at start.</summary>
public sealed class DataRoot
{
    /// <summary>The data root path.</summary>
    public string Path { get; }

    /// <summary>In-flight work; anything left there is an orphan of a crash.</summary>
    public string Tmp => System.IO.Path.Combine(Path, "tmp");

    /// <summary>The engine's persistent identity (a UUID, as dockerd's engine-id).</summary>
    public string EngineId { get; }

    private DataRoot(string path, string engineId)
    {
        Path = path;
        EngineId = engineId;
    }

    /// <summary>Creates or opens the data root and cleans its tmp/.</summary>
    public static DataRoot Prepare(string path, ILogger logger)
    {
        try
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            var tmp = System.IO.Path.Combine(path, "tmp");
            if (Directory.Exists(tmp))
            {
                var orphans = Directory.GetFileSystemEntries(tmp);
                if (orphans.Length > 0) logger.LogInformation("removing {Count} leftover entries from {Tmp}", orphans.Length, tmp);
                Directory.Delete(tmp, recursive: true);
            }
            Directory.CreateDirectory(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return new DataRoot(path, LoadEngineId(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupError($"cannot prepare data root {path}: {e.Message}");
        }
    }

    private static string LoadEngineId(string root)
    {
        var file = System.IO.Path.Combine(root, "engine-id");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } existing) return existing;
        var id = Guid.NewGuid().ToString();
        AtomicFile.WriteDurably(file, id, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return id;
    }
}

namespace Berth.Daemon.Hosting;

/// <summary>Writes a file so that readers see either the old content or the new one, never a half.</summary>
public static class AtomicFile
{
    /// <summary>Writes text to a temp file beside path and renames it over path. The rename makes the write atomic for
    /// any crash of a process; it is not flushed, so a power loss may lose it. That suits what berthd rewrites on every
    /// container start (bundle config.json, hostname, hosts, resolv.conf, exec and update specs, the pid file): all of
    /// it is rebuilt from the container's record before it is used again, and an fsync costs milliseconds each.</summary>
    public static void WriteAllText(string path, string text, UnixFileMode mode) => Write(path, text, mode, durable: false);

    /// <summary>As WriteAllText, but flushed to disk before the rename, for what must survive a power loss (it cannot be
    /// rebuilt: the engine ID).</summary>
    public static void WriteDurably(string path, string text, UnixFileMode mode) => Write(path, text, mode, durable: true);

    private static void Write(string path, string text, UnixFileMode mode, bool durable)
    {
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions
               { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode }))
        {
            using var writer = new StreamWriter(stream);
            writer.Write(text);
            writer.Flush();
            if (durable) stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}

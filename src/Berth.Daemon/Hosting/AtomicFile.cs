namespace Berth.Daemon.Hosting;

/// <summary>Writes a file so that readers see either the old content or the new one, never a half.</summary>
public static class AtomicFile
{
    /// <summary>Writes text to a temp file beside path, flushes it, and renames it over path.</summary>
    public static void WriteAllText(string path, string text, UnixFileMode mode)
    {
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions
               { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode }))
        {
            using var writer = new StreamWriter(stream);
            writer.Write(text);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}

namespace Berth.Runtime.Lifecycle;

/// <summary>Writes --pid-file atomically, as containerd reads it the moment the command returns.</summary>
internal static class PidFile
{
    /// <summary>Writes pid (no newline, like runc) through a temp file and rename.</summary>
    internal static void Write(string path, int pid)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}");
        File.WriteAllText(temp, pid.ToString());
        File.Move(temp, full, overwrite: true);
    }
}

using Berth.Daemon.Configuration;

namespace Berth.Daemon.Hosting;

/// <summary>berthd's pid file: written atomically, refused while another live berthd holds it, removed at exit.</summary>
public sealed class PidFile : IDisposable
{
    private readonly string _path;

    private PidFile(string path) => _path = path;

    /// <summary>Claims the pid file at path for this process.</summary>
    public static PidFile Claim(string path)
    {
        if (ReadPid(path) is { } pid && pid != Environment.ProcessId && IsBerthd(pid))
            throw new StartupError($"pid file found, ensure berthd is not running or delete {path} (held by process {pid})");
        try
        {
            var dir = System.IO.Path.GetDirectoryName(path)!;
            if (!Directory.Exists(dir)) Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite |
                UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            AtomicFile.WriteAllText(path, Environment.ProcessId.ToString(), UnixFileMode.UserRead | UnixFileMode.UserWrite |
                UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupError($"cannot write pid file {path}: {e.Message}");
        }
        return new PidFile(path);
    }

    /// <summary>Removes the file if it still names this process.</summary>
    public void Dispose()
    {
        if (ReadPid(_path) == Environment.ProcessId) File.Delete(_path);
    }

    private static int? ReadPid(string path)
    {
        try { return int.TryParse(File.ReadAllText(path).Trim(), out var pid) ? pid : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    // Pids are reused: a stale file may name some unrelated live process, which must not block a start.
    private static bool IsBerthd(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return cmdline.Take(2).Any(a => System.IO.Path.GetFileName(a) is "berthd" or "berthd.dll");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}

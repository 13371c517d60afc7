namespace Berth.CompatibilityTests.Harness;

/// <summary>Looks at and signals host processes by pid, through /proc.</summary>
public static class HostProcesses
{
    /// <summary>True while a process with this pid exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        var status = ReadStatus(pid);
        return status is not null && !status.Contains("State:\tZ");
    }

    /// <summary>The parent pid of a live process, or null.</summary>
    public static int? ParentOf(int pid)
    {
        var line = ReadStatus(pid)?.Split('\n').FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
        return line is not null && int.TryParse(line["PPid:".Length..].Trim(), out var parent) ? parent : null;
    }

    /// <summary>A process's command line with arguments separated by spaces, or "" when it is gone.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Pids of all processes whose command line contains <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<int> FindByCommandLine(string fragment) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLine(pid).Contains(fragment, StringComparison.Ordinal))
            .ToList();

    /// <summary>Sends SIGTERM, waits up to <paramref name="grace"/>, then SIGKILL; returns once the process is gone.</summary>
    public static async Task TerminateAsync(int pid, TimeSpan grace)
    {
        if (!IsAlive(pid)) return;
        HostLibc.Kill(pid, HostLibc.SIGTERM);
        if (await WaitForExitAsync(pid, grace)) return;
        HostLibc.Kill(pid, HostLibc.SIGKILL);
        await WaitForExitAsync(pid, TimeSpan.FromSeconds(5));
    }

    /// <summary>Polls until the process is gone; false if it outlived <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }

    private static string? ReadStatus(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

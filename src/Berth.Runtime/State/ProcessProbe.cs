namespace Berth.Runtime.State;

/// <summary>Reads a process's liveness and start time from /proc/PID/stat.</summary>
internal static class ProcessProbe
{
    /// <summary>The start time (field 22) of a live, non-zombie process; null when it is gone or a zombie.</summary>
    internal static ulong? StartTime(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // The command name in parentheses may contain spaces; fields are counted after its closing paren.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (rest[0] is "Z" or "X") return null;
        return ulong.Parse(rest[19]);
    }

    /// <summary>True while the process that was recorded (same pid and start time) still runs.</summary>
    internal static bool IsAlive(int pid, ulong startTime) => pid > 0 && StartTime(pid) == startTime;
}

namespace Berth.Runtime;

/// <summary>With BERTH_TRACE_PHASES set, prints how long each start-up phase took (for benchmarks only).</summary>
internal static class PhaseTimer
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("BERTH_TRACE_PHASES") != null;
    private static long _last = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Prints the time since the previous mark.</summary>
    internal static void Mark(string phase)
    {
        if (!Enabled) return;
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Console.Error.WriteLine($"[{Environment.ProcessId}] {phase}: {(now - _last) * 1000.0 / System.Diagnostics.Stopwatch.Frequency:F2} ms (at {now * 1000.0 / System.Diagnostics.Stopwatch.Frequency % 100000:F2})");
        _last = now;
    }
}

using Berth.Daemon.Containers.Store;

namespace Berth.Daemon.Containers.Health;

/// <summary>dockerd's health state machine (handleProbeResult): a success makes the container healthy and clears the
/// streak; a failure adds to the streak unless the container is still starting within its start period, and the
/// streak reaching the retries makes it unhealthy. The last five probes are kept.</summary>
public static class HealthTransitions
{
    /// <summary>How many probe results Health.Log keeps (dockerd's maxLogEntries).</summary>
    public const int MaxLogEntries = 5;

    /// <summary>Records one probe result in <paramref name="health"/>; true when its status or failing streak changed,
    /// false when only the log did.</summary>
    public static bool Record(HealthState health, HealthProbe probe, DateTimeOffset probeStart, DateTimeOffset containerStart, ProbeSettings settings)
    {
        var (status, streak) = (health.Status, health.FailingStreak);
        health.Log.Add(probe);
        if (health.Log.Count > MaxLogEntries) health.Log.RemoveRange(0, health.Log.Count - MaxLogEntries);
        if (probe.ExitCode == 0)
        {
            health.FailingStreak = 0;
            health.Status = HealthStatus.Healthy;
        }
        else if (health.Status != HealthStatus.Starting || probeStart - containerStart >= settings.StartPeriod)
        {
            health.FailingStreak++;
            if (health.FailingStreak >= settings.Retries) health.Status = HealthStatus.Unhealthy;
        }
        return status != health.Status || streak != health.FailingStreak;
    }

    /// <summary>The health a container gets when it starts: starting, no failures, the earlier probes kept.</summary>
    public static HealthState Starting(HealthState? previous)
        => new() { Status = HealthStatus.Starting, Log = [.. previous?.Log ?? []] };

    /// <summary>The health of a container whose probing stopped (it exited or was paused): dockerd reports it
    /// unhealthy, keeping the streak and the probes.</summary>
    public static HealthState Halted(HealthState last)
        => new() { Status = HealthStatus.Unhealthy, FailingStreak = last.FailingStreak, Log = [.. last.Log] };

    /// <summary>A copy that later probes do not change.</summary>
    public static HealthState Copy(HealthState h) => new() { Status = h.Status, FailingStreak = h.FailingStreak, Log = [.. h.Log] };
}

using Berth.Daemon.Containers.Store;
using Berth.Oci.Image;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The STATUS texts of `ps` as dockerd writes them: "Up 3 seconds (healthy)", "Exited (0) 2 seconds ago",
/// "Created", "Restarting (1) 5 seconds ago", "Up 1 minute (Paused)".</summary>
public static class ContainerStatusText
{
    /// <summary>The status text of a state at the moment now.</summary>
    public static string Of(ContainerState s, DateTimeOffset now)
    {
        if (s.Running)
        {
            if (s.Paused) return $"Up {Since(s.StartedAt, now)} (Paused)";
            if (s.Restarting) return $"Restarting ({s.ExitCode}) {Since(s.FinishedAt, now)} ago";
            var health = s.Health?.Status switch
            {
                "starting" => " (health: starting)",
                "healthy" => " (healthy)",
                "unhealthy" => " (unhealthy)",
                _ => "",
            };
            return $"Up {Since(s.StartedAt, now)}{health}";
        }
        if (s.Restarting) return $"Restarting ({s.ExitCode}) {Since(s.FinishedAt, now)} ago";
        if (s.Status == "removing") return "Removal In Progress";
        if (s.Dead) return "Dead";
        if (s.StartedAt == ContainerState.ZeroTime) return "Created";
        if (s.FinishedAt == ContainerState.ZeroTime) return "";
        return $"Exited ({s.ExitCode}) {Since(s.FinishedAt, now)} ago";
    }

    private static string Since(string time, DateTimeOffset now)
        => HumanDuration.Format(Rfc3339.TryParse(time, out var t) ? now - t : TimeSpan.Zero);
}

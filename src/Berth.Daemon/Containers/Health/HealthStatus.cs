namespace Berth.Daemon.Containers.Health;

/// <summary>The Health.Status values dockerd reports.</summary>
public static class HealthStatus
{
    public const string Starting = "starting";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
}

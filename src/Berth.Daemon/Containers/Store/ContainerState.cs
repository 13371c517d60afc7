using System.Text.Json.Serialization;

namespace Berth.Daemon.Containers.Store;

/// <summary>A container's state as `inspect` shows it (Docker's State object); times are Go RFC 3339 strings.</summary>
public sealed class ContainerState
{
    /// <summary>Go's zero time, which dockerd shows for a start or finish that never happened.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    public string Status { get; set; } = "created";
    public bool Running { get; set; }
    public bool Paused { get; set; }
    public bool Restarting { get; set; }
    public bool OOMKilled { get; set; }
    public bool Dead { get; set; }
    public int Pid { get; set; }
    public int ExitCode { get; set; }
    public string Error { get; set; } = "";
    public string StartedAt { get; set; } = ZeroTime;
    public string FinishedAt { get; set; } = ZeroTime;
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public HealthState? Health { get; set; }
}

/// <summary>A container's health (Docker's Health object): status, consecutive failures and the last probes.</summary>
public sealed class HealthState
{
    public string Status { get; set; } = "starting";
    public int FailingStreak { get; set; }
    public List<HealthProbe> Log { get; set; } = [];
}

/// <summary>One healthcheck probe's result.</summary>
public sealed class HealthProbe
{
    public string Start { get; set; } = "";
    public string End { get; set; } = "";
    public int ExitCode { get; set; }
    public string Output { get; set; } = "";
}

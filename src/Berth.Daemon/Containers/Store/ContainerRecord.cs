using Berth.Daemon.Api.Models;

namespace Berth.Daemon.Containers.Store;

/// <summary>Everything berthd keeps about one container, in the shape `inspect` shows (Docker's field names).</summary>
public sealed class ContainerRecord
{
    public string Id { get; set; } = "";
    public string Created { get; set; } = "";
    public string Path { get; set; } = "";
    public List<string> Args { get; set; } = [];
    public ContainerState State { get; set; } = new();
    public string Image { get; set; } = "";
    public string ResolvConfPath { get; set; } = "";
    public string HostnamePath { get; set; } = "";
    public string HostsPath { get; set; } = "";
    public string LogPath { get; set; } = "";
    public string Name { get; set; } = "";
    public int RestartCount { get; set; }
    public string Driver { get; set; } = "overlay2";
    public string Platform { get; set; } = "linux";
    /// <summary>The config after the image's defaults were merged in, as dockerd stores it.</summary>
    public ContainerCreateConfig Config { get; set; } = new();
    public HostConfig HostConfig { get; set; } = new();
    /// <summary>Whether it ever started (dockerd's HasBeenStartedBefore): `start` of a created container differs.</summary>
    public bool HasBeenStarted { get; set; }
    /// <summary>Stopped by a user (stop/kill): `unless-stopped` and `always` then stay down at daemon start.</summary>
    public bool ManuallyStopped { get; set; }
}

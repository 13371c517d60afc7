using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers;
using Berth.Daemon.Containers.Store;
using Berth.Oci.Image;

namespace Berth.Daemon.Api.Handlers;

/// <summary>Turns stored container records into the API's inspect and list shapes.</summary>
public static class ContainerViews
{
    /// <summary>The inspect document of a container.</summary>
    public static ContainerInspect Inspect(ContainerRecord c, string driver, IReadOnlyDictionary<string, string>? graphData,
        List<string>? execIds = null)
    {
        var state = c.State;
        if (state.Restarting) state = new ContainerState
        {
            Status = "restarting", Running = true, Restarting = true, ExitCode = state.ExitCode, StartedAt = state.StartedAt,
            FinishedAt = state.FinishedAt, Health = state.Health, OOMKilled = state.OOMKilled,
        };
        return new ContainerInspect
        {
            Id = c.Id, Created = c.Created, Path = c.Path, Args = c.Args, State = state, Image = c.Image,
            ResolvConfPath = c.ResolvConfPath, HostnamePath = c.HostnamePath, HostsPath = c.HostsPath, LogPath = c.LogPath,
            Name = c.Name, RestartCount = c.RestartCount, Driver = driver, Platform = c.Platform, ExecIDs = execIds is { Count: > 0 } ? execIds : null,
            HostConfig = c.HostConfig, Config = c.Config,
            GraphDriver = new GraphDriverData { Name = driver, Data = graphData is null ? [] : new Dictionary<string, string>(graphData) },
            NetworkSettings = Network(c),
        };
    }

    /// <summary>The list row of a container.</summary>
    public static ContainerSummary Summary(ContainerRecord c, DateTimeOffset now) => new()
    {
        Id = c.Id, Names = [c.Name], Image = c.Config.Image ?? c.Image, ImageID = c.Image,
        // As dockerd: an argument holding a space is shown in single quotes ("sh -c 'echo a; echo b'").
        Command = string.Join(' ', [c.Path, .. c.Args.Select(a => a.Contains(' ') ? $"'{a}'" : a)]),
        Created = Rfc3339.TryParse(c.Created, out var t) ? t.ToUnixTimeSeconds() : 0,
        Labels = c.Config.Labels ?? [], State = StateName(c.State), Status = ContainerStatusText.Of(c.State, now),
        HostConfig = new SummaryHostConfig { NetworkMode = c.HostConfig.NetworkMode ?? "default" },
        NetworkSettings = new SummaryNetworks { Networks = Network(c).Networks },
    };

    /// <summary>The one-word state `ps` filters and shows: created, restarting, running, paused, exited, dead.</summary>
    public static string StateName(ContainerState s)
        => s.Restarting ? "restarting" : s.Paused ? "paused" : s.Running ? "running" : s.Status;

    // Berth has no bridge networks yet: the default network is a namespace with only loopback, shown as dockerd shows
    // a container on a network whose endpoint has no address.
    private static NetworkSettings Network(ContainerRecord c)
    {
        var mode = c.HostConfig.NetworkMode is { Length: > 0 } m && m != "default" ? m : "bridge";
        return new NetworkSettings
        {
            SandboxID = c.State.Running ? c.Id : "",
            Networks = new Dictionary<string, EndpointSettings> { [mode] = new() },
        };
    }
}

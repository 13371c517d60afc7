using System.Text.RegularExpressions;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The filters of GET /containers/json (id, name, label, status, exited, ancestor, before, since, health),
/// with dockerd's semantics and error texts.</summary>
public sealed class ContainerFilters
{
    private static readonly HashSet<string> Known =
        ["id", "name", "label", "status", "exited", "ancestor", "before", "since", "health", "volume", "network", "publish", "expose", "isolation", "is-task"];
    private static readonly HashSet<string> Statuses = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];
    private static readonly HashSet<string> Healths = ["starting", "healthy", "unhealthy", "none"];
    private readonly Dictionary<string, List<string>> _f;

    private ContainerFilters(Dictionary<string, List<string>> f) => _f = f;

    /// <summary>Parses and checks the filters.</summary>
    public static ContainerFilters Parse(string? json)
    {
        var f = FilterArgs.Parse(json, Known);
        foreach (var s in f.GetValueOrDefault("status") ?? [])
            if (!Statuses.Contains(s)) throw new BadRequestError($"Invalid filter 'status={s}'");
        foreach (var h in f.GetValueOrDefault("health") ?? [])
            if (!Healths.Contains(h)) throw new BadRequestError($"Unrecognised filter value for health: {h}");
        foreach (var e in f.GetValueOrDefault("exited") ?? [])
            if (!int.TryParse(e, out _)) throw new BadRequestError($"strconv.Atoi: parsing \"{e}\": invalid syntax");
        return new ContainerFilters(f);
    }

    /// <summary>Whether a status filter is present (dockerd then lists stopped containers too).</summary>
    public bool HasStatusOrExited => _f.ContainsKey("status") || _f.ContainsKey("exited");

    /// <summary>Whether the before/since filters apply (they imply all).</summary>
    public bool HasBeforeOrSince => _f.ContainsKey("before") || _f.ContainsKey("since");

    /// <summary>Keeps the containers every filter accepts; containers are newest first; ancestors resolve to image IDs.</summary>
    public IEnumerable<ContainerRecord> Apply(List<ContainerRecord> all, Func<string, ContainerRecord> resolve, Func<string, IReadOnlySet<string>?> imageIdsOf,
        Func<ContainerRecord, IReadOnlySet<string>> ancestorsOf)
    {
        var before = _f.GetValueOrDefault("before")?.Select(resolve).Select(c => c.Created).Min(StringComparer.Ordinal);
        var since = _f.GetValueOrDefault("since")?.Select(resolve).Select(c => c.Created).Max(StringComparer.Ordinal);
        var ancestors = _f.GetValueOrDefault("ancestor")?.SelectMany(a => imageIdsOf(a) ?? new HashSet<string>()).ToHashSet();
        foreach (var c in all)
        {
            if (before is not null && string.CompareOrdinal(c.Created, before) >= 0) continue;
            if (since is not null && string.CompareOrdinal(c.Created, since) <= 0) continue;
            if (_f.TryGetValue("id", out var ids) && !ids.Any(i => c.Id.StartsWith(i, StringComparison.Ordinal))) continue;
            if (_f.TryGetValue("name", out var names) && !names.Any(n => Regex.IsMatch(c.Name, n) || Regex.IsMatch(c.Name.TrimStart('/'), n))) continue;
            if (_f.TryGetValue("status", out var statuses) && !statuses.Contains(ContainerViews.StateName(c.State))) continue;
            if (_f.TryGetValue("exited", out var codes) && (c.State.Running || c.State.StartedAt == ContainerState.ZeroTime
                || !codes.Contains(c.State.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)))) continue;
            if (_f.TryGetValue("health", out var healths) && !healths.Contains(c.State.Health?.Status ?? "none")) continue;
            if (_f.TryGetValue("label", out var labels) && !labels.All(l => HasLabel(c, l))) continue;
            if (ancestors is not null && !ancestorsOf(c).Overlaps(ancestors)) continue;
            if (_f.ContainsKey("volume") || _f.ContainsKey("publish") || _f.ContainsKey("expose")) continue;
            if (_f.TryGetValue("network", out var networks) && !networks.Contains(c.HostConfig.NetworkMode is "default" or null ? "bridge" : c.HostConfig.NetworkMode)) continue;
            yield return c;
        }
    }

    private static bool HasLabel(ContainerRecord c, string filter)
    {
        var labels = c.Config.Labels ?? [];
        var eq = filter.IndexOf('=');
        return eq < 0 ? labels.ContainsKey(filter) : labels.TryGetValue(filter[..eq], out var v) && v == filter[(eq + 1)..];
    }
}

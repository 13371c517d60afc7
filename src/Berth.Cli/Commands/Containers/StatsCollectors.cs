using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Connection;

namespace Berth.Cli.Commands.Containers;

/// <summary>The containers `berth stats` watches, each read by its own collector, in the order they were added; with no
/// names given the set follows the daemon's container events (start adds, die removes; with -a create adds too).</summary>
internal sealed class StatsCollectors(DaemonClient client, bool stream, CancellationToken token)
{
    /// <summary>How long a container may go without figures before they show as "--", as in docker.</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private readonly List<StatsCollector> _collectors = [];

    /// <summary>Why following the events stopped, when it failed; live output ends with it.</summary>
    public CliError? EventsFailure { get; private set; }

    /// <summary>Starts collecting for container unless it is watched already.</summary>
    public void Add(string container)
    {
        lock (_collectors)
        {
            if (_collectors.Any(c => c.Container == container)) return;
            _collectors.Add(new StatsCollector(client, container, stream, token));
        }
    }

    /// <summary>Stops watching the container with this id.</summary>
    public void Remove(string id)
    {
        lock (_collectors)
            foreach (var gone in _collectors.Where(c => id.StartsWith(c.Container, StringComparison.Ordinal)).ToList())
            {
                gone.Stop();
                _collectors.Remove(gone);
            }
    }

    /// <summary>Waits for every collector's first answer; the errors of those that failed, in order.</summary>
    public async Task<List<string>> FirstErrorsAsync()
    {
        await FirstSamplesAsync();
        return [.. Current().Select(c => c.Error).OfType<string>()];
    }

    /// <summary>Waits until every current collector has its first figures (or gave up).</summary>
    public Task FirstSamplesAsync() => Task.WhenAll(Current().Select(c => c.First));

    /// <summary>The figures to show now.</summary>
    public List<StatsEntry> Snapshot() => [.. Current().Select(c => c.Entry)];

    /// <summary>Subscribes to container events first (so that none is missed), then adds the listed containers.</summary>
    public async Task FollowContainersAsync(bool all)
    {
        if (stream)
        {
            var filters = FilterArgs.ToJson(new Dictionary<string, List<string>> { ["type"] = ["container"] });
            var events = await client.OpenAsync(HttpMethod.Get, "/events?filters=" + Uri.EscapeDataString(filters), token: token);
            _ = FollowEventsAsync(events, all);
        }
        var list = await client.GetJsonAsync("/containers/json" + (all ? "?all=1" : ""), token) as JsonArray ?? [];
        foreach (var id in list.Select(c => c?["Id"]?.ToString()).OfType<string>()) Add(PsCommand.ShortId(id));
    }

    private async Task FollowEventsAsync(HttpResponseMessage events, bool all)
    {
        using (events)
            try
            {
                using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(token));
                while (await reader.ReadLineAsync(token) is { } line)
                {
                    if (line.Length == 0) continue;
                    var message = JsonNode.Parse(line);
                    var id = message?["Actor"]?["ID"]?.ToString() ?? message?["id"]?.ToString() ?? "";
                    switch (message?["Action"]?.ToString() ?? message?["status"]?.ToString())
                    {
                        case "start":
                        case "create" when all:
                            Add(PsCommand.ShortId(id));
                            break;
                        case "die" when !all:
                            Remove(id);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) { }
            catch (Exception e) when (e is IOException or HttpRequestException or JsonException)
            {
                EventsFailure = new CliError(e.Message, 1);
            }
    }

    private List<StatsCollector> Current()
    {
        lock (_collectors) return [.. _collectors];
    }
}

/// <summary>Reads one container's stats: a single answer with --no-stream, else the daemon's stream, keeping the latest.</summary>
internal sealed class StatsCollector
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop;
    private readonly bool _stream;
    private StatsEntry? _latest;
    private DateTime _updated = DateTime.UtcNow;

    /// <summary>Starts reading.</summary>
    public StatsCollector(DaemonClient client, string container, bool stream, CancellationToken token)
    {
        Container = container;
        _stream = stream;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        _ = CollectAsync(client);
    }

    /// <summary>The container as the user named it (or its short id).</summary>
    public string Container { get; }

    /// <summary>Done once the first figures (or a failure) arrived, or after <see cref="StatsCollectors.Patience"/>.</summary>
    public Task First => _first.Task;

    /// <summary>Why the figures could not be read, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The latest figures; "--" when there are none or they are older than the patience allows.</summary>
    public StatsEntry Entry => _latest is { } latest && Error == null && (!_stream || DateTime.UtcNow - _updated <= StatsCollectors.Patience)
        ? latest : StatsEntry.Invalid(Container);

    /// <summary>Stops reading.</summary>
    public void Stop() => _stop.Cancel();

    private async Task CollectAsync(DaemonClient client)
    {
        var token = _stop.Token;
        _ = Task.Delay(StatsCollectors.Patience, token).ContinueWith(t =>
        {
            if (t.IsCanceled || !_first.TrySetResult()) return;
            Error ??= "timeout waiting for stats";
        }, TaskScheduler.Default);
        var path = $"/containers/{Uri.EscapeDataString(Container)}/stats?stream={(_stream ? 1 : 0)}";
        try
        {
            if (!_stream)
            {
                Update(await client.GetJsonAsync(path, token) as JsonObject);
                return;
            }
            using var response = await client.OpenAsync(HttpMethod.Get, path, token: token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
            while (await reader.ReadLineAsync(token) is { } line)
                if (line.Length > 0) Update(JsonNode.Parse(line) as JsonObject);
        }
        catch (OperationCanceledException) { }
        catch (CliError e) { Error = e.Message; }
        catch (Exception e) when (e is IOException or HttpRequestException or JsonException) { Error = e.Message; }
        finally
        {
            _first.TrySetResult();
        }
    }

    private void Update(JsonObject? stats)
    {
        if (stats == null) return;
        _latest = StatsEntry.From(Container, stats);
        _updated = DateTime.UtcNow;
        Error = null;
        _first.TrySetResult();
    }
}

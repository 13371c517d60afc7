using Berth.Daemon.Containers.Lifecycle;
using Berth.Daemon.Containers.Store;
using Berth.Oci.Image;

namespace Berth.Daemon.Containers.Health;

/// <summary>Runs each running, unpaused container's healthcheck (dockerd's health monitor): one probe loop per
/// container, started when it starts or is unpaused, ended when it exits or is paused, resumed after berthd restarts.
/// <para>Storage: a probe result is written to the container store, under the container's lock, only when it changes
/// the status or the failing streak; a result that only adds to the log stays in memory, where inspect reads it, and
/// reaches the store with the next write of the record (always when probing stops). A healthy container thus costs
/// no write per probe, and what `ps` shows and filters on (the status) is always the stored one; a crash of berthd
/// loses at most the log lines since the last write, as dockerd, which checkpoints probes only in memory, does.</para></summary>
public sealed class ContainerHealth
{
    private readonly ContainerService _containers;
    private readonly HealthProbeRunner _runner;
    private readonly ILogger<ContainerHealth> _log;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Probing> _probing = [];

    /// <summary>Follows the containers' starts, exits, pauses and unpauses.</summary>
    public ContainerHealth(ContainerService containers, HealthProbeRunner runner, ILogger<ContainerHealth> log)
    {
        _containers = containers;
        _runner = runner;
        _log = log;
        containers.RunStateChanging += OnRunStateChanging;
    }

    /// <summary>Resumes probing of the containers that run with a healthcheck (after berthd started), from their
    /// stored health.</summary>
    public async Task ResumeAsync()
    {
        foreach (var id in _containers.Store.List().Where(c => c.State.Running).Select(c => c.Id))
            await _containers.WithLockAsync(id, c =>
            {
                if (c is { State: { Running: true, Paused: false, Restarting: false } } && ProbeSettings.Of(c.Config.Healthcheck) is { } settings)
                    Begin(c, settings, c.State.Health ?? HealthTransitions.Starting(null));
            });
    }

    /// <summary>The health of a container being probed, with the probes not yet stored; null when it is not probed.</summary>
    public HealthState? Live(string id)
    {
        Probing? p;
        lock (_lock) _probing.TryGetValue(id, out p);
        if (p is null) return null;
        lock (p) return HealthTransitions.Copy(p.Health);
    }

    // Under the container's lock, before the change is stored.
    private void OnRunStateChanging(ContainerRecord c, RunChange change)
    {
        var settings = ProbeSettings.Of(c.Config.Healthcheck);
        switch (change)
        {
            case RunChange.Started:
                var last = Halt(c.Id) ?? c.State.Health;
                c.State.Health = settings is null ? null : HealthTransitions.Starting(last);
                if (settings is not null) Begin(c, settings, c.State.Health!);
                break;
            case RunChange.Unpaused:
                if (settings is not null && c.State.Health is { } paused) Begin(c, settings, paused);
                break;
            default:
                var live = Halt(c.Id);
                if ((live ?? c.State.Health) is { } h) c.State.Health = HealthTransitions.Halted(h);
                break;
        }
    }

    private void Begin(ContainerRecord c, ProbeSettings settings, HealthState from)
    {
        var started = Rfc3339.TryParse(c.State.StartedAt, out var t) ? t : DateTimeOffset.UtcNow;
        var p = new Probing(settings, started, HealthTransitions.Copy(from));
        lock (_lock)
        {
            if (_probing.Remove(c.Id, out var old)) old.Stop.Cancel();
            _probing[c.Id] = p;
        }
        _ = Task.Run(() => LoopAsync(c.Id, p));
    }

    // Ends the container's probing; returns its last health.
    private HealthState? Halt(string id)
    {
        Probing? p;
        lock (_lock) _probing.Remove(id, out p);
        if (p is null) return null;
        // Cancellation flags at once; the loop's callbacks run elsewhere, as we hold the container's lock.
        _ = p.Stop.CancelAsync();
        lock (p) return HealthTransitions.Copy(p.Health);
    }

    private async Task LoopAsync(string id, Probing p)
    {
        var stop = p.Stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    string status;
                    lock (p) status = p.Health.Status;
                    await Task.Delay(p.Settings.NextDelay(status, DateTimeOffset.UtcNow - p.Started), stop);
                    // A container removed without an exit seen (or gone another way) ends its own probing.
                    if (_containers.Store.Get(id) is not { } c) return;
                    if (!c.State.Running || c.State.Paused) continue;
                    var probeStart = DateTimeOffset.UtcNow;
                    var result = await _runner.RunAsync(c, p.Settings, stop);
                    await _containers.WithLockAsync(id, record => Apply(record, p, result, probeStart));
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
                catch (Exception e) { _log.LogWarning("health probe of {Id} failed: {Error}", id, e.Message); }
            }
        }
        finally
        {
            lock (_lock)
                if (_probing.TryGetValue(id, out var current) && current == p) _probing.Remove(id);
        }
    }

    // Under the container's lock: a result that arrives after probing was halted is dropped, as dockerd drops it.
    private void Apply(ContainerRecord? c, Probing p, HealthProbe result, DateTimeOffset probeStart)
    {
        if (c is not { State: { Running: true, Paused: false } } || p.Stop.IsCancellationRequested) return;
        string before;
        bool changed;
        HealthState now;
        lock (p)
        {
            before = p.Health.Status;
            changed = HealthTransitions.Record(p.Health, result, probeStart, p.Started, p.Settings);
            now = HealthTransitions.Copy(p.Health);
        }
        if (!changed) return;
        c.State.Health = now;
        _containers.Store.Save(c);
        if (now.Status != before) _containers.Events.Publish("health_status: " + now.Status, c);
    }

    /// <summary>One container's probe loop: its settings, when the container started, its live health, its end.</summary>
    private sealed class Probing(ProbeSettings settings, DateTimeOffset started, HealthState health)
    {
        public ProbeSettings Settings { get; } = settings;
        public DateTimeOffset Started { get; } = started;
        public HealthState Health { get; } = health;
        public CancellationTokenSource Stop { get; } = new();
    }
}

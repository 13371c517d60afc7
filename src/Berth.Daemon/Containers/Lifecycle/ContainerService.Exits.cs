using System.Globalization;
using Berth.Daemon.Containers.Monitor;
using Berth.Daemon.Containers.Store;

namespace Berth.Daemon.Containers.Lifecycle;

public sealed partial class ContainerService
{
    private readonly Dictionary<string, TimeSpan> _backoff = [];

    /// <summary>Handled exits of processes other than containers' inits (execs), by key.</summary>
    public event Action<ProcessExit>? OtherExit;

    /// <summary>Follows the monitor until berthd stops; when the monitor goes away (it crashed or was killed), starts a
    /// new one and follows that, as dockerd restarts a containerd that died.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await FollowAsync(stopping);
                return;
            }
            catch (MonitorError e) when (!stopping.IsCancellationRequested)
            {
                log.LogError("berth-monitor went away ({Error}); starting a new one", e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping);
                    await monitor.ReplaceAsync(stopping);
                }
                catch (OperationCanceledException) { return; }
                catch (MonitorError again) { log.LogError("starting berth-monitor: {Error}", again.Message); }
            }
        }
    }

    /// <summary>Brings stored state in line with the monitor: containers recorded as running that it does not know died
    /// while nobody watched, or are orphans of a monitor that went away (their processes are killed), then follows
    /// every exit.</summary>
    private async Task FollowAsync(CancellationToken stopping)
    {
        var known = (await monitor.ListAsync(stopping)).ToDictionary(p => p.Key);
        foreach (var c in store.List().Where(c => c.State.Running && !known.ContainsKey(c.Id)))
        {
            log.LogWarning("container {Id} was running but its monitor is gone; marking it exited", c.Id);
            await HandleExitAsync(new ProcessExit(c.Id, c.State.Pid, 255, DateTimeOffset.UtcNow), acknowledge: false);
        }
        foreach (var c in store.List().Where(c => !c.State.Running && !c.ManuallyStopped && c.HasBeenStarted
                     && c.HostConfig.RestartPolicy?.Name is "always" or "unless-stopped" && !known.ContainsKey(c.Id)))
            _ = RestartLaterAsync(c.Id, TimeSpan.Zero);
        await foreach (var exit in monitor.WatchExitsAsync(stopping))
        {
            try { await HandleExitAsync(exit, acknowledge: true); }
            catch (Exception e) { log.LogError(e, "handling the exit of {Key}", exit.Key); }
        }
    }

    private async Task HandleExitAsync(ProcessExit exit, bool acknowledge)
    {
        var c = store.Get(exit.Key);
        if (c is null)
        {
            OtherExit?.Invoke(exit);
            if (acknowledge) await monitor.AcknowledgeExitAsync(exit.Key, CancellationToken.None);
            return;
        }
        bool restart, remove;
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Get(c.Id);
            if (c is null || !c.State.Running)
            {
                if (acknowledge) await monitor.AcknowledgeExitAsync(exit.Key, CancellationToken.None);
                return;
            }
            var oom = OomKilled(c);
            restart = RestartPolicies.ShouldRestart(c.HostConfig.RestartPolicy, exit.ExitCode, c.ManuallyStopped, c.RestartCount);
            remove = c.HostConfig.AutoRemove && !restart;
            // A container removed next keeps its runtime state and mount until its record is gone (RemoveAsync cleans
            // up after that), so that `run --rm` is not kept waiting for them; any other is clean before its waiters
            // learn of the exit, as a start may follow at once.
            if (!remove) await CleanUpRuntimeAsync(c.Id);
            var startedAt = Oci.Image.Rfc3339.TryParse(c.State.StartedAt, out var s) ? s : exit.ExitedAt;
            c.State = new ContainerState
            {
                Status = "exited", ExitCode = exit.ExitCode, OOMKilled = oom, StartedAt = c.State.StartedAt,
                FinishedAt = Oci.Image.Rfc3339.Format(exit.ExitedAt.ToUniversalTime()), Health = c.State.Health,
            };
            Changing(c, RunChange.Exited);
            store.Save(c);
            // The monitor may forget the exit once it is stored; its answer need not hold up the events and waiters.
            var acknowledged = acknowledge ? monitor.AcknowledgeExitAsync(exit.Key, CancellationToken.None) : Task.CompletedTask;
            if (oom) events.Publish("oom", c);
            events.Publish("die", c, new Dictionary<string, string> { ["exitCode"] = exit.ExitCode.ToString(CultureInfo.InvariantCulture) });
            Waits.Exited(c.Id, exit.ExitCode);
            await acknowledged;
            if (restart)
            {
                var delay = RestartPolicies.NextDelay(_backoff.GetValueOrDefault(c.Id), exit.ExitedAt - startedAt);
                _backoff[c.Id] = delay;
                c.State.Restarting = true;
                c.State.Status = "restarting";
                store.Save(c);
                _ = RestartLaterAsync(c.Id, delay);
            }
        }
        if (remove) await RemoveAsync(c.Id, force: true, volumes: false);
    }

    private async Task RestartLaterAsync(string id, TimeSpan delay)
    {
        await Task.Delay(delay);
        try
        {
            using (await _locks.HoldAsync(id))
            {
                var c = store.Get(id);
                if (c is null || c.State.Running || c.ManuallyStopped) return;
                c.RestartCount++;
                c.State.Restarting = false;
                await StartLockedAsync(c);
                events.Publish("restart", c);
            }
        }
        catch (Exception e) { log.LogWarning("restart of {Id} failed: {Error}", id, e.Message); }
    }

    // Docker reports OOMKilled when the kernel's OOM killer acted in the container's memory cgroup.
    private bool OomKilled(ContainerRecord c)
    {
        try { return statsReader.WasOomKilled(new Stats.StatsSource(c.Id, CgroupsPathOf(c), c.State.Pid)); }
        catch (Exception e) { log.LogDebug("oom check {Id}: {Error}", c.Id, e.Message); return false; }
    }

    /// <summary>The container's cgroup path as its spec names it.</summary>
    public static string CgroupsPathOf(ContainerRecord c)
        => (string.IsNullOrEmpty(c.HostConfig.CgroupParent) ? "/docker" : c.HostConfig.CgroupParent).TrimEnd('/') + "/" + c.Id;

    private async Task CleanUpRuntimeAsync(string id)
    {
        // The runtime keeps a folder per container it knows: none means the exit was handled (a --rm container is
        // removed right after its exit) or the container never started, and there is nothing to delete.
        if (runtime.Knows(id))
        {
            try { await runtime.DeleteAsync(id); }
            catch (Exception e) { log.LogDebug("runtime delete {Id}: {Error}", id, e.Message); }
        }
        try { snapshots.Unmount(paths.Rootfs(id)); }
        catch (Exception e) { log.LogWarning("unmount {Id}: {Error}", id, e.Message); }
    }
}

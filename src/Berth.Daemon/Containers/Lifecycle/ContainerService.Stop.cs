using System.Globalization;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Lifecycle;

public sealed partial class ContainerService
{
    /// <summary>Stops a container: its stop signal, then SIGKILL after the timeout (seconds; -1 waits forever);
    /// 304 when it is not running.</summary>
    public async Task StopAsync(string idOrName, int? timeoutSeconds, string? signal)
    {
        var c = store.Resolve(idOrName);
        if (!c.State.Running) throw new NotModifiedError();
        var sig = Signals.Parse(string.IsNullOrEmpty(signal) ? c.Config.StopSignal is { Length: > 0 } s ? s : "SIGTERM" : signal);
        var timeout = timeoutSeconds ?? c.Config.StopTimeout ?? 10;
        await StopRunningAsync(c, sig, timeout);
    }

    // A forced removal kills without a stop: dockerd reports kill and die then, and no "stop" event.
    private async Task StopRunningAsync(ContainerRecord c, int signal, int timeoutSeconds, bool reportStop = true)
    {
        var exited = Waits.Next(c.Id, removal: false);
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            if (!c.State.Running) return;
            c.ManuallyStopped = true;
            store.Save(c);
            if (c.State.Paused) await runtime.ResumeAsync(c.Id);
            events.Publish("kill", c, new Dictionary<string, string> { ["signal"] = signal.ToString(CultureInfo.InvariantCulture) });
            await TryKillAsync(c, signal);
        }
        if (timeoutSeconds < 0) { await exited; return; }
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(timeoutSeconds))) == exited) { if (reportStop) Stopped(c); return; }
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            if (!c.State.Running) return;
            events.Publish("kill", c, new Dictionary<string, string> { ["signal"] = "9" });
            await TryKillAsync(c, 9);
        }
        if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(30))) != exited)
            throw new ServerError($"container {c.Id} did not exit within 30 seconds of SIGKILL");
        if (reportStop) Stopped(c);
    }

    private void Stopped(ContainerRecord c) => events.Publish("stop", store.Get(c.Id) ?? c);

    // The process may end between our look and the signal: that is a stop that already happened.
    private async Task TryKillAsync(ContainerRecord c, int signal)
    {
        try { await runtime.KillAsync(c.Id, signal.ToString(CultureInfo.InvariantCulture)); }
        catch (Runtime.RuntimeCallError e) when (store.Get(c.Id) is { State.Running: true }) { throw new ServerError($"Cannot kill container: {c.Id}: {e.Message}"); }
        catch (Runtime.RuntimeCallError) { }
    }

    /// <summary>Sends a signal; 409 when the container is not running.</summary>
    public async Task KillAsync(string idOrName, string? signal)
    {
        var c = store.Resolve(idOrName);
        var sig = Signals.Parse(string.IsNullOrEmpty(signal) ? "SIGKILL" : signal);
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            if (!c.State.Running) throw new ConflictError($"Cannot kill container: {idOrName}: Container {c.Id} is not running");
            if (sig == 9 || sig == 15) { c.ManuallyStopped = true; store.Save(c); }
            events.Publish("kill", c, new Dictionary<string, string> { ["signal"] = sig.ToString(CultureInfo.InvariantCulture) });
            await TryKillAsync(c, sig);
        }
    }

    /// <summary>Stops (when running) and starts a container again.</summary>
    public async Task RestartAsync(string idOrName, int? timeoutSeconds, string? signal)
    {
        var c = store.Resolve(idOrName);
        if (c.State.Running)
            await StopRunningAsync(c, Signals.Parse(string.IsNullOrEmpty(signal) ? c.Config.StopSignal is { Length: > 0 } s ? s : "SIGTERM" : signal),
                timeoutSeconds ?? c.Config.StopTimeout ?? 10);
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            if (!c.State.Running) await StartLockedAsync(c);
        }
        events.Publish("restart", c);
    }

    /// <summary>Freezes a running container (409 when not running or already paused).</summary>
    public async Task PauseAsync(string idOrName)
    {
        var c = store.Resolve(idOrName);
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            if (!c.State.Running) throw new ConflictError($"Container {c.Id} is not running");
            if (c.State.Paused) throw new ConflictError($"Container {c.Id} is already paused");
            await runtime.PauseAsync(c.Id);
            c.State.Paused = true;
            c.State.Status = "paused";
            Changing(c, RunChange.Paused);
            store.Save(c);
        }
        events.Publish("pause", c);
    }

    /// <summary>Thaws a paused container (409 when it is not paused).</summary>
    public async Task UnpauseAsync(string idOrName)
    {
        var c = store.Resolve(idOrName);
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            if (!c.State.Paused) throw new ConflictError($"Container {c.Id} is not paused");
            await runtime.ResumeAsync(c.Id);
            c.State.Paused = false;
            c.State.Status = "running";
            Changing(c, RunChange.Unpaused);
            store.Save(c);
        }
        events.Publish("unpause", c);
    }

    /// <summary>Renames a container (400 for a bad name, 409 when taken or unchanged as dockerd answers).</summary>
    public async Task RenameAsync(string idOrName, string newName)
    {
        if (string.IsNullOrEmpty(newName)) throw new BadRequestError("Neither old nor new names may be empty");
        var c = store.Resolve(idOrName);
        var normalized = ContainerNames.Normalize(newName);
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            var old = c.Name;
            if (old == normalized) throw new ConflictError("Renaming a container with the same name as its current name");
            store.Rename(c, normalized);
            events.Publish("rename", c, new Dictionary<string, string> { ["oldName"] = old });
        }
    }
}

using System.Runtime.ExceptionServices;
using System.Text.Json;
using Berth.Daemon.Containers.Monitor;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;
using Berth.Daemon.Hosting;
using Berth.Oci.RuntimeSpec;

namespace Berth.Daemon.Containers.Lifecycle;

public sealed partial class ContainerService
{
    /// <summary>Starts a container: 304 when it runs already, 409 when paused. Mounts its root filesystem, writes its
    /// bundle and has the monitor run it.</summary>
    public async Task StartAsync(string idOrName)
    {
        var c = store.Resolve(idOrName);
        ExceptionDispatchInfo? autoRemoved = null;
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Resolve(c.Id);
            if (c.State.Paused) throw new ConflictError("cannot start a paused container, try unpause instead");
            if (c.State.Running) throw new NotModifiedError();
            if (c.State.Status == "removing") throw new ConflictError($"container is marked for removal and cannot be started");
            try { await StartLockedAsync(c); }
            catch (Exception e) when (c.HostConfig.AutoRemove) { autoRemoved = ExceptionDispatchInfo.Capture(e); }
        }
        if (autoRemoved is null) return;
        // As dockerd: a --rm container that could not start is removed (the docker CLI waits for that removal).
        await RemoveAsync(c.Id, force: true, volumes: true);
        autoRemoved.Throw();
    }

    // The caller holds the container's lock.
    private async Task StartLockedAsync(ContainerRecord c)
    {
        var bundle = paths.Bundle(c.Id);
        try
        {
            var rootfs = paths.Rootfs(c.Id);
            Directory.CreateDirectory(rootfs);
            snapshots.Unmount(rootfs);
            snapshots.Mount(c.Id, rootfs);
            var spec = specs.Build(new SpecRequest(c.Id, c.Config, c.HostConfig, null, rootfs));
            var hostNetwork = c.HostConfig.NetworkMode == "host";
            EtcFiles.Write(paths.Folder(c.Id), spec.Hostname ?? c.Id[..12], hostNetwork);
            spec.Mounts = [.. spec.Mounts ?? [], .. EtcFiles.Mounts(paths.Folder(c.Id), c.HostConfig.ReadonlyRootfs)];
            Directory.CreateDirectory(bundle);
            AtomicFile.WriteAllText(Path.Combine(bundle, "config.json"), JsonSerializer.Serialize(spec, SpecWriteContext.Default.Spec),
                UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var launch = new ContainerLaunch(c.Id, bundle, runtime.Path, runtime.Root, c.Config.Tty, c.Config.OpenStdin,
                LogOptions.Settings(c.HostConfig, paths, c.Id));
            // Taken before the start: an instant exit must not end before it began.
            var startedAt = Now();
            var pid = await monitor.StartContainerAsync(launch, CancellationToken.None);
            c.State = new ContainerState
            {
                Status = "running", Running = true, Pid = pid, StartedAt = startedAt, FinishedAt = c.State.FinishedAt,
                Health = c.State.Health,
            };
            c.HasBeenStarted = true;
            c.ManuallyStopped = false;
            Changing(c, RunChange.Started);
            store.Save(c);
        }
        catch (Exception e) when (e is not NotModifiedError)
        {
            // dockerd keeps the container, records why it did not start and the exit code its CLI shows for it; it
            // reports no "die" (nothing ran).
            c.State.Error = e.Message;
            c.State.ExitCode = e.Message.Contains("not found", StringComparison.Ordinal) || e.Message.Contains("no such file", StringComparison.OrdinalIgnoreCase) ? 127
                : e.Message.Contains("permission denied", StringComparison.OrdinalIgnoreCase) ? 126 : 128;
            store.Save(c);
            try { snapshots.Unmount(paths.Rootfs(c.Id)); } catch (Exception u) { log.LogWarning("unmount {Id}: {Error}", c.Id, u.Message); }
            throw e is BerthError ? e : new ServerError(e.Message);
        }
        events.Publish("start", c);
    }
}

using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Lifecycle;

public sealed partial class ContainerService
{
    /// <summary>Removes a container and its writable layer; a running one only with force (409 otherwise).</summary>
    public async Task RemoveAsync(string idOrName, bool force, bool volumes)
    {
        var c = store.Resolve(idOrName);
        if (c.State.Running)
        {
            if (!force)
            {
                var what = c.State.Paused ? "paused" : "running";
                throw new ConflictError($"You cannot remove a {what} container {c.Id}. Stop the container before attempting removal or force remove");
            }
            await StopRunningAsync(c, 9, 30, reportStop: false);
        }
        using (await _locks.HoldAsync(c.Id))
        {
            c = store.Get(c.Id);
            if (c is null) return;
            if (c.State.Running) throw new ConflictError($"You cannot remove a running container {c.Id}. Stop the container before attempting removal or force remove");
            // The record goes first: a crash after it leaves only runtime state, a mount and files, which start-up
            // sweeps. So the container is gone for every client from here, and `run --rm`'s wait returns without
            // waiting for the clean-up.
            store.Delete(c.Id);
            Waits.Removed(c.Id, c.State.ExitCode);
            await RemoveLeftoversAsync(c.Id);
            events.Publish("destroy", c);
        }
    }

    // The runtime's container (killing anything left in its cgroup), the rootfs mount, the writable layer and the
    // container's folders, in that order.
    private async Task RemoveLeftoversAsync(string id)
    {
        await CleanUpRuntimeAsync(id);
        try { snapshots.Remove(id); } catch (Berth.Storage.StorageException e) when (e.StatusCode == 404) { }
        foreach (var dir in new[] { paths.Folder(id), paths.Bundle(id) })
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <summary>Removes the runtime state, mounts and files of containers that have no record (left by a crash in the
    /// middle of a remove).</summary>
    public void SweepLeftovers()
    {
        var known = store.List().Select(c => c.Id).ToHashSet();
        var ids = new[] { Path.GetDirectoryName(paths.Folder("x"))!, runtime.Root }
            .Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Select(d => Path.GetFileName(d))
            .Where(id => !known.Contains(id))
            .Distinct();
        foreach (var id in ids)
        {
            try { RemoveLeftoversAsync(id).GetAwaiter().GetResult(); }
            catch (Exception e) { log.LogWarning("sweeping container leftovers of {Id}: {Error}", id, e.Message); }
        }
    }
}

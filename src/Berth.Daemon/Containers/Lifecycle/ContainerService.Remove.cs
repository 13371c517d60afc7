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
            await CleanUpRuntimeAsync(c);
            // The record goes first: a crash after it leaves only files, which start-up sweeps. So the container is
            // gone for every client from here, and `run --rm`'s wait returns without waiting for its files' deletion.
            store.Delete(c.Id);
            Waits.Removed(c.Id, c.State.ExitCode);
            try { snapshots.Remove(c.Id); } catch (Berth.Storage.StorageException e) when (e.StatusCode == 404) { }
            foreach (var dir in new[] { paths.Folder(c.Id), paths.Bundle(c.Id) })
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            events.Publish("destroy", c);
        }
    }

    /// <summary>Removes the files of containers that have no record (left by a crash in the middle of a remove).</summary>
    public void SweepLeftovers()
    {
        var known = store.List().Select(c => c.Id).ToHashSet();
        var folders = Path.GetDirectoryName(paths.Folder("x"))!;
        if (!Directory.Exists(folders)) return;
        foreach (var dir in Directory.GetDirectories(folders).Where(d => !known.Contains(Path.GetFileName(d))))
        {
            var id = Path.GetFileName(dir);
            try
            {
                snapshots.Unmount(paths.Rootfs(id));
                try { snapshots.Remove(id); } catch (Berth.Storage.StorageException) { }
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) { log.LogWarning("sweeping container leftovers {Dir}: {Error}", dir, e.Message); }
        }
    }
}

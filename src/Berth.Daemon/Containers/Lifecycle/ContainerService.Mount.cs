using Berth.Daemon.Containers.Store;

namespace Berth.Daemon.Containers.Lifecycle;

public sealed partial class ContainerService
{
    /// <summary>The container's root filesystem, mounted for the caller: a running container's own mount, or one made
    /// for the call (under the container's lock, so a start waits) and taken down when the handle is disposed.</summary>
    public async Task<RootfsMount> MountAsync(ContainerRecord c)
    {
        var hold = await _locks.HoldAsync(c.Id);
        var current = store.Get(c.Id) ?? throw new Errors.NotFoundError($"No such container: {c.Id}");
        var path = paths.Rootfs(c.Id);
        if (current.State.Running)
        {
            hold.Dispose();
            return new RootfsMount(path, null);
        }
        Directory.CreateDirectory(path);
        snapshots.Unmount(path);
        snapshots.Mount(c.Id, path);
        return new RootfsMount(path, () =>
        {
            snapshots.Unmount(path);
            hold.Dispose();
        });
    }
}

/// <summary>A mounted container root; disposing it undoes a mount made only for the caller.</summary>
public sealed class RootfsMount(string path, Action? release) : IAsyncDisposable
{
    /// <summary>Where the root is mounted.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        release?.Invoke();
        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>Clients waiting for containers to stop or be removed (POST /wait); completed by the exit handler and by remove.</summary>
public sealed class ContainerWaits
{
    private readonly ConcurrentDictionary<string, List<(bool Removal, TaskCompletionSource<int> Done)>> _waiting = new();

    /// <summary>A task that completes with the exit code at the container's next exit (or, with removal, its removal).</summary>
    public Task<int> Next(string id, bool removal)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var list = _waiting.GetOrAdd(id, _ => []);
        lock (list) list.Add((removal, done));
        return done.Task;
    }

    /// <summary>Completes the waits of an exit (removal waits stay for the removal).</summary>
    public void Exited(string id, int exitCode) => Complete(id, exitCode, removal: false);

    /// <summary>Completes every wait of a removed container.</summary>
    public void Removed(string id, int exitCode) => Complete(id, exitCode, removal: true);

    private void Complete(string id, int exitCode, bool removal)
    {
        if (!_waiting.TryGetValue(id, out var list)) return;
        lock (list)
        {
            foreach (var w in list.Where(w => removal || !w.Removal)) w.Done.TrySetResult(exitCode);
            list.RemoveAll(w => removal || !w.Removal);
        }
    }
}

using System.Collections.Concurrent;

namespace Berth.Daemon.Containers.Lifecycle;

/// <summary>One lock per container, so start, stop, exit handling and remove of one container never interleave.</summary>
public sealed class ContainerLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    /// <summary>Holds the container's lock until the returned handle is disposed.</summary>
    public async Task<IDisposable> HoldAsync(string id)
    {
        var gate = _locks.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Release();
        }
    }
}

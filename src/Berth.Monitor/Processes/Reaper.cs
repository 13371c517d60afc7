using System.Runtime.InteropServices;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Monitor.Processes;

/// <summary>Reaps every child and re-parented orphan with waitpid(-1) on its own thread and hands each status to
/// whoever registered for that pid. An exit nobody registered yet (a container's init that died before its pid file
/// was read) is kept for a while so that the late registration still gets it.</summary>
internal sealed class Reaper
{
    private static readonly TimeSpan KeepUnclaimed = TimeSpan.FromMinutes(2);
    private readonly object _gate = new();
    private readonly Dictionary<int, Action<int>> _waiters = [];
    private readonly Dictionary<int, (int Status, DateTime At)> _unclaimed = [];
    private readonly SemaphoreSlim _childStarted = new(0);

    /// <summary>Starts the reaping thread.</summary>
    internal void Start() => new Thread(Run) { IsBackground = true, Name = "reaper" }.Start();

    /// <summary>Runs start (which spawns a child and returns its pid) so that the child's exit cannot be reaped before
    /// onExit is registered; onExit gets the raw wait status on the reaper thread.</summary>
    internal int SpawnAndWatch(Func<int> start, Action<int> onExit)
    {
        lock (_gate)
        {
            var pid = start();
            _waiters[pid] = onExit;
            _childStarted.Release();
            return pid;
        }
    }

    /// <summary>Registers for the exit of a process that is already our child (an init re-parented to us, or one the
    /// runtime code spawned in-process).</summary>
    internal void Watch(int pid, Action<int> onExit)
    {
        int status;
        lock (_gate)
        {
            if (!_unclaimed.Remove(pid, out var early))
            {
                _waiters[pid] = onExit;
                // The reaping thread may be asleep for want of children: this one was not spawned through us.
                _childStarted.Release();
                return;
            }
            status = early.Status;
        }
        onExit(status);
    }

    /// <summary>Blocks until the child pid has exited; returns its raw wait status.</summary>
    internal int WaitFor(int pid)
    {
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Watch(pid, exited.SetResult);
        return exited.Task.GetAwaiter().GetResult();
    }

    private unsafe void Run()
    {
        while (true)
        {
            int status;
            var pid = waitpid(-1, &status, 0);
            if (pid < 0)
            {
                // ECHILD: no children at all; sleep until one is spawned (an orphan re-parents only via a child of ours).
                if (Marshal.GetLastPInvokeError() == ECHILD) _childStarted.Wait(TimeSpan.FromSeconds(1));
                continue;
            }
            Action<int>? waiter;
            lock (_gate)
            {
                if (!_waiters.Remove(pid, out waiter))
                {
                    var now = DateTime.UtcNow;
                    foreach (var old in _unclaimed.Where(u => now - u.Value.At > KeepUnclaimed).Select(u => u.Key).ToList())
                        _unclaimed.Remove(old);
                    _unclaimed[pid] = (status, now);
                }
            }
            try { waiter?.Invoke(status); }
            catch (Exception e) { Console.Error.WriteLine($"berth-monitor: exit handler for pid {pid}: {e.Message}"); }
        }
    }
}

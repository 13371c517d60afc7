using Berth.Runtime.Processes;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Lifecycle;

/// <summary>One init started ahead of its container, in new namespaces, its runtime started and its request parsing
/// warm: create hands it the container's descriptors and request instead of spawning an init, which takes the init's
/// exec, runtime start and namespace creation (about 8 ms here) off the container's start. A host that runs create
/// in-process again and again (berth-monitor) keeps one; each one taken is replaced shortly after.</summary>
internal sealed class StandbyInits : IDisposable
{
    /// <summary>The environment variable that tells an init to wait as a standby.</summary>
    internal const string EnvironmentName = "_BERTH_STANDBY";
    /// <summary>Tag bits of the batch create hands over: stdin, stdout, stderr and the exec fifo, then a console
    /// socket and a clone of the rootfs mount when the tag says so.</summary>
    internal const byte WithConsoleSocket = 1, WithRootfsTree = 2;

    // Docker's default set (the cgroup namespace the init unshares itself), so the first container finds one waiting.
    private const int DefaultFlags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET;
    // The replacement waits until the container that took its predecessor has most likely started: on a small host
    // its runtime start would otherwise compete with that container's for the CPU.
    private static readonly TimeSpan RefillDelay = TimeSpan.FromMilliseconds(150);

    private readonly object _gate = new();
    private (int Pid, SyncChannel Channel, int Flags)? _ready;
    private int _wantedFlags = DefaultFlags;
    private bool _refilling, _disposed;

    /// <summary>Starts the first standby in the background; initPath is the berth-runtime it runs.</summary>
    internal StandbyInits(string initPath)
    {
        InitPath = initPath;
        _refilling = true;
        _ = Task.Run(Refill);
    }

    /// <summary>The berth-runtime executable the standby inits run.</summary>
    internal string InitPath { get; }

    /// <summary>The waiting init for a container whose namespaces are exactly unshareFlags, all new, none a user
    /// namespace, when fits accepts it (given its pid); one that does not fit waits on for the next container.</summary>
    internal (int Pid, SyncChannel Channel)? Take(int unshareFlags, Func<int, bool> fits)
    {
        (int Pid, SyncChannel Channel, int Flags)? taken = null, stale = null;
        lock (_gate)
        {
            if (_disposed) return null;
            if (_ready is { } ready)
            {
                if (ready.Flags == unshareFlags) taken = ready;
                else stale = ready;
                _ready = null;
            }
            _wantedFlags = unshareFlags;
        }
        // Ending an init takes its runtime's exit: not on the container's path.
        if (stale is { } s) _ = Task.Run(() => Discard(s.Pid, s.Channel));
        if (taken is { } t && Alive(t.Channel))
        {
            if (fits(t.Pid))
            {
                RefillSoon();
                return (t.Pid, t.Channel);
            }
            lock (_gate)
                if (!_disposed && _ready == null)
                {
                    _ready = t;
                    return null;
                }
        }
        if (taken is { } gone) _ = Task.Run(() => Discard(gone.Pid, gone.Channel));
        RefillSoon();
        return null;
    }

    private void RefillSoon()
    {
        lock (_gate)
        {
            if (_refilling || _disposed || _ready != null) return;
            _refilling = true;
        }
        _ = Task.Delay(RefillDelay).ContinueWith(_ => Refill(), TaskScheduler.Default);
    }

    /// <summary>Whether the init pid reaches path as the same file as we do: a mount made since it started is missing in
    /// its mount namespace where the host's mounts do not propagate.</summary>
    internal static bool SeesAsWeDo(int pid, string path)
        => IdentityOf(path) is { } ours && IdentityOf($"/proc/{pid}/root{path}") == ours;

    // An init that died while it waited (killed, out of memory) has closed its end of the socket.
    private static unsafe bool Alive(SyncChannel channel)
    {
        if (channel.Fd < 0) return false;
        var entry = new PollFd { Fd = channel.Fd, Events = POLLIN };
        return poll(&entry, 1, 0) == 0;
    }

    private void Refill()
    {
        int flags;
        lock (_gate) flags = _wantedFlags;
        (int, SyncChannel, int)? started = null;
        try { started = Start(flags); }
        catch (RuntimeException e) { RuntimeLog.Warn($"starting a standby init: {e.Message}"); }
        lock (_gate)
        {
            _refilling = false;
            if (!_disposed && _ready == null && started != null)
            {
                _ready = started;
                return;
            }
        }
        if (started is { } orphan) Discard(orphan.Item1, orphan.Item2);
    }

    private (int, SyncChannel, int) Start(int flags)
    {
        var devNull = Check(open("/dev/null", O_RDWR | O_CLOEXEC, 0), "open /dev/null");
        try
        {
            lock (Spawn.InheritanceGate)
            {
                var (channel, childEnd) = SyncChannel.CreatePair();
                try
                {
                    var env = InitBinary.Environment(childEnd, $"{EnvironmentName}=1");
                    // Its stdio is replaced by the container's when it is taken.
                    var pid = NamespaceThread.Run([], flags,
                        () => Spawn.Start(InitPath, ["berth-runtime", "init"], env, [(0, devNull), (1, devNull), (2, devNull)]));
                    return (pid, channel, flags);
                }
                catch
                {
                    channel.Dispose();
                    throw;
                }
                finally { close(childEnd); }
            }
        }
        finally { close(devNull); }
    }

    // Closing its socket ends a standby init (it finds no descriptors), and its exit is reaped.
    private static void Discard(int pid, SyncChannel channel)
    {
        channel.Dispose();
        ChildExits.Wait(pid);
    }

    /// <summary>Ends the waiting init, if any.</summary>
    public void Dispose()
    {
        (int Pid, SyncChannel Channel, int Flags)? ready;
        lock (_gate)
        {
            _disposed = true;
            ready = _ready;
            _ready = null;
        }
        if (ready is { } r) Discard(r.Pid, r.Channel);
    }
}

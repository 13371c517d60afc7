using Berth.Monitor.Interop;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Monitor.Processes;

/// <summary>The descriptors of a launch: the runtime's stdio 0-2 (which it hands to the process) and our ends.</summary>
internal sealed class LaunchStdio : IDisposable
{
    private readonly int[] _child = [-1, -1, -1];
    private int _stdin = -1, _stdout = -1, _stderr = -1;

    /// <summary>dup2 pairs for posix_spawn: child fd ← our descriptor.</summary>
    internal IReadOnlyList<(int ChildFd, int ParentFd)> ChildRedirects
        => [(0, _child[0]), (1, _child[1]), (2, _child[2])];

    /// <summary>Pipes for stdout and stderr; stdin a pipe when it stays open for clients, else /dev/null.</summary>
    internal void Pipes(bool openStdin)
    {
        if (openStdin) (_child[0], _stdin) = Descriptors.Pipe();
        else _child[0] = DevNull();
        (_stdout, _child[1]) = Descriptors.Pipe();
        (_stderr, _child[2]) = Descriptors.Pipe();
    }

    /// <summary>/dev/null for all three: with a terminal the process's stdio is the pty slave.</summary>
    internal void Null()
    {
        for (var i = 0; i < 3; i++) _child[i] = DevNull();
    }

    /// <summary>After the spawn: only the runtime (and the process) keep the child ends.</summary>
    internal void CloseChildEnds()
    {
        for (var i = 0; i < 3; i++) { Descriptors.CloseQuietly(_child[i]); _child[i] = -1; }
    }

    internal int TakeStdin() => Take(ref _stdin);
    internal int TakeStdout() => Take(ref _stdout);
    internal int TakeStderr() => Take(ref _stderr);

    private static int Take(ref int fd)
    {
        var taken = fd;
        fd = -1;
        return taken;
    }

    private static int DevNull() => Check(open("/dev/null", O_RDWR | O_CLOEXEC, 0), "open /dev/null");

    public void Dispose()
    {
        CloseChildEnds();
        Descriptors.CloseQuietly(_stdin);
        Descriptors.CloseQuietly(_stdout);
        Descriptors.CloseQuietly(_stderr);
        _stdin = _stdout = _stderr = -1;
    }
}

using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>How the runtime code waits for a child it started: waitpid, unless its host process reaps every child on
/// a thread of its own (berth-monitor, which runs create and start in-process), where a waitpid of ours would race it.</summary>
internal static class ChildExits
{
    private static Func<int, int> _wait = WaitFor;

    /// <summary>Hands every later wait to the host's reaper; wait returns the raw status of the pid it is given.</summary>
    internal static void ReapedBy(Func<int, int> wait) => _wait = wait;

    /// <summary>Blocks until the child pid has exited; returns its raw wait status.</summary>
    internal static int Wait(int pid) => _wait(pid);
}

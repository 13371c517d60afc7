using System.Runtime.ExceptionServices;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>Runs a spawn on a fresh thread that first joins and creates namespaces, so that the rest of the
/// process is untouched. After entering a PID namespace the thread may not create threads, so the action
/// must only spawn (posix_spawn) and return; the thread then ends.</summary>
internal static class NamespaceThread
{
    /// <summary>Joins the namespaces in join (open nsfs descriptors with their CLONE_NEW* type, pid last),
    /// unshares unshareFlags, then runs action on that thread and returns its result.</summary>
    internal static int Run(IReadOnlyList<(int Fd, int Type)> join, int unshareFlags, Func<int> action)
    {
        var result = 0;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                // setns of a mount namespace needs a private fs_struct, which a thread of a process lacks.
                if (join.Any(j => j.Type == CLONE_NEWNS) || (unshareFlags & CLONE_NEWNS) != 0)
                    Check(unshare(CLONE_FS), "unshare fs");
                foreach (var (fd, type) in join)
                    Check(setns(fd, type), $"join {NamespaceTypes.NameOf(type)} namespace");
                if (unshareFlags != 0) Check(unshare(unshareFlags), "create namespaces");
                result = action();
            }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, 256 * 1024) { IsBackground = true, Name = "berth-ns" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}

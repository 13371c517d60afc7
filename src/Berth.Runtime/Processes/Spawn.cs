using System.Runtime.InteropServices;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>Starts programs with posix_spawn: no managed code runs in the child, so it is safe from any thread,
/// including one that has entered new namespaces and may no longer create threads.</summary>
internal static unsafe class Spawn
{
    /// <summary>Held while a descriptor meant for one child is inheritable (and by every spawn of a process that runs
    /// create in-process), so that a concurrent spawn cannot take that descriptor along.</summary>
    internal static readonly object InheritanceGate = new();

    /// <summary>Starts path with argv and envp; redirects maps child fd → parent fd (dup2 in the child).</summary>
    /// <remarks>Signal dispositions are reset and the mask emptied in the child: .NET ignores SIGPIPE, and an
    /// ignored signal would otherwise survive execve into the container.</remarks>
    internal static int Start(string path, IReadOnlyList<string> argv, IReadOnlyList<string> envp,
        IReadOnlyList<(int ChildFd, int ParentFd)>? redirects = null, bool newSession = false)
    {
        var attr = NativeMemory.AllocZeroed(SpawnAttrBytes);
        var actions = NativeMemory.AllocZeroed(SpawnFileActionsBytes);
        var sigs = NativeMemory.AllocZeroed(SigSetBytes);
        var strings = new List<nint>(argv.Count + envp.Count + 1);
        try
        {
            posix_spawnattr_init(attr);
            posix_spawn_file_actions_init(actions);
            var flags = (short)(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | (newSession ? POSIX_SPAWN_SETSID : 0));
            posix_spawnattr_setflags(attr, flags);
            sigfillset(sigs);
            posix_spawnattr_setsigdefault(attr, sigs);
            sigemptyset(sigs);
            posix_spawnattr_setsigmask(attr, sigs);
            if (redirects != null)
                foreach (var (childFd, parentFd) in redirects)
                    posix_spawn_file_actions_adddup2(actions, parentFd, childFd);

            var cPath = Utf8(path, strings);
            var cArgv = NullTerminated(argv, strings);
            var cEnv = NullTerminated(envp, strings);
            int pid;
            var rc = posix_spawn(&pid, cPath, actions, attr, cArgv, cEnv);
            NativeMemory.Free(cArgv);
            NativeMemory.Free(cEnv);
            if (rc != 0) throw Error($"exec {path}", rc);
            return pid;
        }
        finally
        {
            posix_spawn_file_actions_destroy(actions);
            posix_spawnattr_destroy(attr);
            NativeMemory.Free(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(sigs);
            foreach (var s in strings) Marshal.FreeCoTaskMem(s);
        }
    }

    /// <summary>Copies a string into native memory as UTF-8, recording it for release.</summary>
    internal static byte* Utf8(string s, List<nint> owned)
    {
        var p = Marshal.StringToCoTaskMemUTF8(s);
        owned.Add(p);
        return (byte*)p;
    }

    /// <summary>Builds a NULL-terminated char* array; the caller frees the array, owned frees the strings.</summary>
    internal static byte** NullTerminated(IReadOnlyList<string> items, List<nint> owned)
    {
        var array = (byte**)NativeMemory.Alloc((nuint)(items.Count + 1), (nuint)sizeof(nint));
        for (var i = 0; i < items.Count; i++) array[i] = Utf8(items[i], owned);
        array[items.Count] = null;
        return array;
    }
}

using Berth.Monitor.Logs;
using Berth.Monitor.Protocol;
using Berth.Runtime;
using Berth.Runtime.Bundle;
using Berth.Runtime.Lifecycle;
using Berth.Runtime.Processes;
using Berth.Runtime.State;

namespace Berth.Monitor.Processes;

/// <summary>Creates and starts containers with berth-runtime's own code inside the monitor, when a request names the
/// berth-runtime this monitor was installed with: no runtime process to start and no cold runtime per container. Any
/// other runtime (runc from --add-runtime, a berth-runtime replaced since we started), or a spec with hooks the runtime
/// process runs, goes through the runtime's command line instead.</summary>
internal sealed class InProcessRuntime
{
    private readonly string _ownRuntime = Path.Combine(AppContext.BaseDirectory, "berth-runtime");
    private readonly ulong _ownIdentity;
    private readonly StandbyInits _standby;

    /// <summary>Records which berth-runtime is ours, routes the runtime code's child waits to the reaper and starts a
    /// standby init (Serves makes sure a request's runtime is that same file).</summary>
    internal InProcessRuntime(Reaper reaper)
    {
        _ownIdentity = FileIdentity.Of(_ownRuntime);
        ChildExits.ReapedBy(reaper.WaitFor);
        _standby = new StandbyInits(_ownRuntime);
    }

    /// <summary>Whether runtime is the very berth-runtime file beside this monitor (an upgrade replaces the file, and the
    /// new runtime's init may no longer speak our create protocol).</summary>
    internal bool Serves(string? runtime)
        => runtime != null && _ownIdentity != 0 && Path.GetFileName(runtime) == "berth-runtime" && FileIdentity.Of(runtime) == _ownIdentity;

    /// <summary>The bundle's spec when it can start in-process, else null (it has hooks for the runtime process to run).</summary>
    internal static (Oci.RuntimeSpec.Spec Spec, string Rootfs)? Load(string bundle)
    {
        var loaded = Failing(() => BundleLoader.Load(Path.GetFullPath(bundle)));
        var hooks = loaded.Spec.Hooks;
        return hooks?.Prestart is { Count: > 0 } || hooks?.CreateRuntime is { Count: > 0 } || hooks?.Poststart is { Count: > 0 }
            ? null : loaded;
    }

    /// <summary>Creates and starts container key from its loaded bundle; the init, our child, gets stdio as its 0-2 and
    /// sends its pty master to consoleSocket when it has a terminal. Returns the init's pid.</summary>
    internal int Start(MonitorRequest r, string key, (Oci.RuntimeSpec.Spec Spec, string Rootfs) loaded,
        IReadOnlyList<(int ChildFd, int ParentFd)> stdio, string? consoleSocket)
    {
        var options = new CreateOptions(key, r.Bundle!)
        {
            Loaded = loaded, Stdio = stdio, ConsoleSocket = consoleSocket, InitPath = r.Runtime, Standby = _standby,
        };
        return Failing(() =>
        {
            if (loaded.Spec.Process?.Terminal == true && consoleSocket == null)
                throw new RuntimeException("cannot allocate tty without a console socket");
            return RunContainer.CreateAndStart(new StateStore(r.RuntimeRoot!), options).Record.InitPid;
        });
    }

    /// <summary>The runtime's errors as the runtime's command line would have them reported (its log's error line).</summary>
    private static T Failing<T>(Func<T> action)
    {
        try { return action(); }
        catch (Exception e) when (e is RuntimeException or IOException or UnauthorizedAccessException)
        {
            throw new MonitorException($"OCI runtime start failed: {e.Message}");
        }
    }
}

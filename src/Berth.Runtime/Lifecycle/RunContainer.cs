using Berth.Runtime.State;
using Berth.Runtime.Terminal;
using Berth.Runtime.Processes;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Lifecycle;

/// <summary>`run`: create and start in one go; in the foreground, wait for the container, relay its terminal
/// when it has one, then delete it and return its exit status.</summary>
internal static class RunContainer
{
    /// <summary>Runs the container; the result is the container's exit code (128+N for signal N).</summary>
    internal static unsafe int Run(StateStore store, CreateOptions options, bool detach)
    {
        var loaded = Bundle.BundleLoader.Load(Path.GetFullPath(options.Bundle));
        var spec = loaded.Spec;
        options = options with { Loaded = loaded };
        PhaseTimer.Mark("load bundle");
        var wantsTerminal = spec.Process?.Terminal == true;
        if (wantsTerminal && detach && options.ConsoleSocket == null)
            throw new RuntimeException("cannot allocate tty if berth-runtime will detach without setting console socket");

        // Without a console socket of the caller's, the terminal's master end comes to us to relay.
        int ours = -1, theirs = -1;
        if (wantsTerminal && options.ConsoleSocket == null)
        {
            int* pair = stackalloc int[2];
            Check(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair), "socketpair");
            ours = pair[0]; theirs = pair[1];
            SetInheritable(theirs, true);
            options = options with { ConsoleSocketFd = theirs };
        }
        Container container;
        TerminalRelay? relay = null;
        try
        {
            container = CreateAndStart(store, options, () =>
            {
                if (ours >= 0) relay = TerminalRelay.Start(DescriptorPassing.Receive(ours));
            });
        }
        catch
        {
            relay?.Dispose();
            throw;
        }
        finally
        {
            if (theirs >= 0) close(theirs);
            if (ours >= 0) close(ours);
        }
        if (detach) return 0;

        int code;
        using (SignalForwarding.To(container.Record.InitPid))
            code = ExitCodeOf(WaitFor(container.Record.InitPid));
        PhaseTimer.Mark("wait");
        relay?.Dispose();
        Delete.Run(Container.Load(store, options.Id), force: true);
        PhaseTimer.Mark("delete");
        return code;
    }

    /// <summary>Creates and starts the container, running beforeStart in between; a container that fails to start is
    /// deleted again. Its init stays our child: berth-monitor, which supervises it, calls this in-process.</summary>
    internal static Container CreateAndStart(StateStore store, CreateOptions options, Action? beforeStart = null)
    {
        var container = Create.Run(store, options);
        try
        {
            beforeStart?.Invoke();
            Start.Run(container);
            PhaseTimer.Mark("start");
        }
        catch
        {
            Delete.Run(container, force: true);
            throw;
        }
        return container;
    }
}

using System.Runtime.InteropServices;
using static Berth.Runtime.Interop.Libc;

namespace Berth.Runtime.Processes;

/// <summary>While alive, passes the signals a user sends to the runtime on to a container process, as runc does
/// for `run` and `exec` in the foreground.</summary>
internal sealed class SignalForwarding : IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    private SignalForwarding(int pid)
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP })
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                kill(pid, SignalNumber(context.Signal));
            }));
        }
    }

    /// <summary>Starts forwarding to pid.</summary>
    internal static SignalForwarding To(int pid) => new(pid);

    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 2, PosixSignal.SIGTERM => 15, PosixSignal.SIGQUIT => 3, PosixSignal.SIGHUP => 1,
        _ => (int)signal,
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}

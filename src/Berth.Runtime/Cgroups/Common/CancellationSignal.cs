namespace Berth.Runtime.Cgroups.Common;

/// <summary>An eventfd that becomes readable when a CancellationToken fires, so poll(2) loops can stop on cancellation.</summary>
internal sealed class CancellationSignal : IDisposable
{
    private readonly FileDescriptor _eventFd = FileDescriptor.EventFd();
    private readonly CancellationTokenRegistration _registration;

    /// <summary>Arms the signal for the token (fires at once if it is already cancelled).</summary>
    public CancellationSignal(CancellationToken cancellationToken)
        => _registration = cancellationToken.Register(static state => ((FileDescriptor)state!).Signal(), _eventFd);

    /// <summary>The descriptor to poll beside the one being watched.</summary>
    public FileDescriptor Descriptor => _eventFd;

    public void Dispose()
    {
        // Unregister first (waits for a running callback), so the callback never writes to a closed descriptor.
        _registration.Dispose();
        _eventFd.Dispose();
    }
}

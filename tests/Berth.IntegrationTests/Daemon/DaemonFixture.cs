using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Daemon;

/// <summary>One berthd shared by the tests of a class; it only answers reads, so sharing cannot couple the tests.</summary>
public sealed class DaemonFixture : IDisposable
{
    internal DaemonProcess Daemon { get; } = DaemonProcess.StartReady();

    public void Dispose() => Daemon.Dispose();
}

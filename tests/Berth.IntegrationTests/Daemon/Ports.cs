using System.Net;
using System.Net.Sockets;

namespace Berth.IntegrationTests.Daemon;

/// <summary>Free loopback TCP ports for daemons under test.</summary>
internal static class Ports
{
    /// <summary>A port the kernel just handed out and released.</summary>
    internal static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

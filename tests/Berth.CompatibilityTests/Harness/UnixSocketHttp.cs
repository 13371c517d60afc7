using System.Net.Sockets;

namespace Berth.CompatibilityTests.Harness;

/// <summary>An HttpClient whose connections all go to one unix socket, to send raw Engine API requests to a daemon.</summary>
public static class UnixSocketHttp
{
    /// <summary>A client for the API socket at socketPath (no timeout: loads of large archives take their time).</summary>
    public static HttpClient For(string socketPath)
        => new(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }) { BaseAddress = new Uri("http://localhost"), Timeout = TimeSpan.FromMinutes(5) };
}

using System.Net.Sockets;

namespace Berth.IntegrationTests.Support;

/// <summary>An HttpClient whose every connection goes to one unix socket, to speak the Engine API without the CLI.</summary>
internal static class UnixHttp
{
    /// <summary>A client for the socket at path.</summary>
    internal static HttpClient For(string path)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost"), Timeout = TimeSpan.FromSeconds(30) };
    }
}

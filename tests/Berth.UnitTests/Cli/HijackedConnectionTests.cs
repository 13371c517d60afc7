using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Cli.Connection;

namespace Berth.UnitTests.Cli;

/// <summary>A hijack the daemon refuses: its error body reaches the caller whole, however it was framed.</summary>
public sealed class HijackedConnectionTests
{
    [Theory]
    [InlineData("Transfer-Encoding: chunked\r\n\r\n5a\r\n{\"message\":\"cannot reach berth-monitor at /x/monitor.sock: Connection refused, try again\"}\r\n1\r\n\n\r\n0\r\n\r\n")]
    [InlineData("Content-Length: 91\r\n\r\n{\"message\":\"cannot reach berth-monitor at /x/monitor.sock: Connection refused, try again\"}\n")]
    public async Task Refusal_GivesTheErrorBodyWithoutItsFraming(string rest)
    {
        var path = Path.Combine(Path.GetTempPath(), $"berth-hijack-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var server = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync();
            var request = new byte[4096];
            var seen = "";
            while (!seen.Contains("\r\n\r\n")) seen += Encoding.ASCII.GetString(request, 0, await peer.ReceiveAsync(request));
            // The connection stays open after the body, as a keep-alive server leaves it.
            await peer.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n" + rest));
            await Task.Delay(TimeSpan.FromSeconds(5));
        });
        try
        {
            string? body = null;
            HttpStatusCode? status = null;
            await Assert.ThrowsAsync<InvalidOperationException>(() => HijackedConnection.OpenAsync(
                DaemonAddress.Parse("unix://" + path, tls: false), null, "/containers/x/attach", null,
                (text, code) => { body = text; status = code; return new InvalidOperationException(); },
                new CancellationTokenSource(TimeSpan.FromSeconds(3)).Token));
            Assert.Equal(HttpStatusCode.InternalServerError, status);
            Assert.Equal("{\"message\":\"cannot reach berth-monitor at /x/monitor.sock: Connection refused, try again\"}\n", body);
        }
        finally { File.Delete(path); }
        _ = server;
    }
}

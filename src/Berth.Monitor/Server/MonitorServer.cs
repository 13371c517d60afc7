using System.Net.Sockets;
using Berth.Monitor.Processes;
using Berth.Monitor.Protocol;

namespace Berth.Monitor.Server;

/// <summary>Listens on &lt;exec-root&gt;/monitor.sock (0600) and serves each connection's one request.</summary>
internal sealed class MonitorServer(string root, RequestHandler handler)
{
    /// <summary>Binds the socket (refusing to start beside a live monitor) and accepts until the process ends.</summary>
    internal async Task RunAsync()
    {
        var path = Path.Combine(root, Wire.SocketName);
        if (File.Exists(path) && Answers(path)) throw new MonitorException($"a monitor already listens on {path}");
        // Bind under a temporary name and chmod before the rename: the socket is never reachable with wider rights.
        var temp = $"{path}.{Environment.ProcessId}";
        File.Delete(temp);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(temp));
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(128);
        File.Move(temp, path, overwrite: true);
        while (true)
        {
            var connection = await listener.AcceptAsync();
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        await using var stream = new NetworkStream(connection, ownsSocket: true);
        try { await handler.HandleAsync(stream); }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException) { }
        catch (Exception e) { Console.Error.WriteLine($"berth-monitor: connection: {e}"); }
    }

    private static bool Answers(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try { probe.Connect(new UnixDomainSocketEndPoint(path)); return true; }
        catch (SocketException) { return false; }
    }
}

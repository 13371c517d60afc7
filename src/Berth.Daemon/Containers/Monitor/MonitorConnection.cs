using System.Net.Sockets;
using Berth.Monitor.Protocol;

namespace Berth.Daemon.Containers.Monitor;

/// <summary>One connection to berth-monitor carrying one request: the request line, the reply line, then for the
/// streaming ops the stream itself.</summary>
internal sealed class MonitorConnection : IAsyncDisposable
{
    private readonly Socket _socket;

    private MonitorConnection(Socket socket, NetworkStream stream)
    {
        _socket = socket;
        Stream = stream;
        Lines = new LineReader(stream);
    }

    /// <summary>The connection's byte stream.</summary>
    internal NetworkStream Stream { get; }

    /// <summary>Line reading over <see cref="Stream"/> (keeps bytes read past a line).</summary>
    internal LineReader Lines { get; }

    /// <summary>Connects, sends request and reads the reply; throws MonitorError for a refusal.</summary>
    internal static async Task<(MonitorConnection Connection, MonitorReply Reply)> OpenAsync(string socketPath,
        MonitorRequest request, CancellationToken cancel)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        MonitorConnection? connection = null;
        try
        {
            try { await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancel); }
            catch (SocketException e) { throw new MonitorError($"cannot reach berth-monitor at {socketPath}: {e.Message}"); }
            connection = new MonitorConnection(socket, new NetworkStream(socket, ownsSocket: true));
            await Wire.WriteLineAsync(connection.Stream, request, MonitorJson.Default.MonitorRequest, cancel);
            var reply = await connection.Lines.ReadAsync(MonitorJson.Default.MonitorReply, cancel)
                ?? throw new MonitorError($"berth-monitor closed the connection during {request.Op}");
            if (reply.Error != null) throw new MonitorError(reply.Error);
            return (connection, reply);
        }
        catch (Exception e)
        {
            if (connection != null) await connection.DisposeAsync();
            else socket.Dispose();
            if (e is IOException or SocketException) throw new MonitorError($"berth-monitor: {e.Message}");
            throw;
        }
    }

    /// <summary>Sends request and returns the reply (the connection is closed).</summary>
    internal static async Task<MonitorReply> CallAsync(string socketPath, MonitorRequest request, CancellationToken cancel)
    {
        var (connection, reply) = await OpenAsync(socketPath, request, cancel);
        await connection.DisposeAsync();
        return reply;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        _socket.Dispose();
    }
}

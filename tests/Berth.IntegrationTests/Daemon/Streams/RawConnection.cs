using System.Net.Sockets;
using System.Text;
using Berth.Daemon.Api.Streams;

namespace Berth.IntegrationTests.Daemon.Streams;

/// <summary>A client socket that speaks bytes, to see exactly what the server answers and to half-close like docker does.</summary>
internal sealed class RawConnection : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly List<byte> _pending = [];

    public static async Task<RawConnection> OpenAsync(string path)
    {
        var connection = new RawConnection();
        await connection._socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
        connection._socket.ReceiveTimeout = 10_000;
        return connection;
    }

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes);

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    /// <summary>Closes the write side (stdin EOF) while the read side stays open.</summary>
    public void CloseWrite() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one response head: status line and headers (names lower-cased).</summary>
    public async Task<(string StatusLine, Dictionary<string, string> Headers)> ReadHeadAsync()
    {
        while (IndexOf("\r\n\r\n"u8) < 0)
            if (!await FillAsync()) throw new IOException("connection closed inside a response head: " + Encoding.ASCII.GetString(_pending.ToArray()));
        var end = IndexOf("\r\n\r\n"u8);
        var lines = Encoding.ASCII.GetString(_pending.GetRange(0, end).ToArray()).Split("\r\n");
        _pending.RemoveRange(0, end + 4);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].ToLowerInvariant(), p => p[1].Trim());
        return (lines[0], headers);
    }

    /// <summary>Reads n body bytes.</summary>
    public async Task<byte[]> ReadExactlyAsync(int n)
    {
        while (_pending.Count < n)
            if (!await FillAsync()) throw new IOException($"connection closed after {_pending.Count} of {n} bytes");
        var bytes = _pending.GetRange(0, n).ToArray();
        _pending.RemoveRange(0, n);
        return bytes;
    }

    /// <summary>Everything until the server closes its side.</summary>
    public async Task<byte[]> ReadToEndAsync()
    {
        while (await FillAsync()) { }
        var bytes = _pending.ToArray();
        _pending.Clear();
        return bytes;
    }

    /// <summary>Splits stdcopy frames into (stream, text) pairs; fails on a torn frame.</summary>
    public static List<(StdStream Stream, string Text)> Frames(byte[] bytes)
    {
        var frames = new List<(StdStream, string)>();
        for (var i = 0; i < bytes.Length;)
        {
            Assert.True(bytes.Length - i >= StreamFrameWriter.HeaderSize, "torn frame header");
            var size = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i + 4, 4));
            Assert.Equal(new byte[3], bytes[(i + 1)..(i + 4)]);
            frames.Add(((StdStream)bytes[i], Encoding.ASCII.GetString(bytes, i + 8, size)));
            i += 8 + size;
        }
        return frames;
    }

    private async Task<bool> FillAsync()
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        _pending.AddRange(buffer.AsSpan(0, n).ToArray());
        return n > 0;
    }

    private int IndexOf(ReadOnlySpan<byte> needle) => _pending.ToArray().AsSpan().IndexOf(needle);

    public void Dispose() => _socket.Dispose();
}

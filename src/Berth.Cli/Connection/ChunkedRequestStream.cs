using System.Text;

namespace Berth.Cli.Connection;

/// <summary>Writes a request body of unknown length (stdin, a tar made on the fly) to its connection in HTTP/1.1 chunks;
/// <see cref="FinishAsync"/> sends the closing empty chunk. Disposing leaves the connection open.</summary>
internal sealed class ChunkedRequestStream(Stream connection) : Stream
{
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken token = default)
    {
        if (data.Length == 0) return;
        await connection.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), token);
        await connection.WriteAsync(data, token);
        await connection.WriteAsync("\r\n"u8.ToArray(), token);
    }

    /// <summary>Ends the body.</summary>
    internal async Task FinishAsync(CancellationToken token) => await connection.WriteAsync("0\r\n\r\n"u8.ToArray(), token);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken token) => WriteAsync(buffer.AsMemory(offset, count), token).AsTask();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override Task FlushAsync(CancellationToken token) => connection.FlushAsync(token);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

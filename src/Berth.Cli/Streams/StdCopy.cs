using System.Buffers.Binary;
using System.Text;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Streams;

/// <summary>Docker's stdcopy demultiplexer: frames of an 8-byte header [stream, 0, 0, 0, size big-endian] and size
/// bytes of payload, sent to stdout (streams 0 and 1) or stderr (2); stream 3 carries a daemon error.</summary>
public static class StdCopy
{
    /// <summary>Copies frames until the source ends; a daemon error frame ends the copy with that error.</summary>
    public static async Task CopyAsync(Stream source, Stream stdout, Stream stderr, CancellationToken token = default)
    {
        var header = new byte[8];
        var payload = new byte[32 * 1024];
        while (true)
        {
            var got = await ReadFullAsync(source, header, token);
            if (got == 0) return;
            if (got < header.Length) throw new CliError("unexpected EOF", 1);
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (size > payload.Length) payload = new byte[size];
            if (await ReadFullAsync(source, payload.AsMemory(0, size), token) < size) throw new CliError("unexpected EOF", 1);
            switch (header[0])
            {
                case 0 or 1:
                    await stdout.WriteAsync(payload.AsMemory(0, size), token);
                    await stdout.FlushAsync(token);
                    break;
                case 2:
                    await stderr.WriteAsync(payload.AsMemory(0, size), token);
                    await stderr.FlushAsync(token);
                    break;
                case 3:
                    throw new CliError("Error from daemon in stream: " + Encoding.UTF8.GetString(payload, 0, size), 1);
                default:
                    throw new CliError($"Unrecognized input header: {header[0]}", 1);
            }
        }
    }

    /// <summary>Reads until buffer is full or the source ends; the count read.</summary>
    private static async Task<int> ReadFullAsync(Stream source, Memory<byte> buffer, CancellationToken token)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await source.ReadAsync(buffer[total..], token);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}

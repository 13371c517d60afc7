using System.Buffers;

namespace Berth.Monitor.Logs;

/// <summary>How a log driver lays entries out in its files: encoding for the monitor, decoding for `logs`.</summary>
public interface ILogFormat
{
    /// <summary>Appends the encoded message to output.</summary>
    void Encode(LogMessage message, ArrayBufferWriter<byte> output);

    /// <summary>Decodes the first entry of buffer; false when buffer holds no complete entry yet (a writer mid-way).</summary>
    bool TryDecode(ReadOnlySpan<byte> buffer, out LogMessage? message, out int consumed);
}

using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Berth.Monitor.Logs;

/// <summary>dockerd's json-file lines, byte for byte: {"log":"…","stream":"stdout","time":"RFC3339Nano"}, with the
/// string escaped as Go's encoding/json does (HTML characters as \u003c, invalid UTF-8 as \ufffd).</summary>
public sealed class JsonFileFormat : ILogFormat
{
    /// <summary>The one instance.</summary>
    public static readonly JsonFileFormat Instance = new();

    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    /// <inheritdoc />
    public void Encode(LogMessage message, ArrayBufferWriter<byte> output)
    {
        output.Write("{\"log\":\""u8);
        WriteGoString(message.Data.Span, output);
        output.Write(message.Stream == LogStream.Stderr ? "\",\"stream\":\"stderr\",\"time\":\""u8 : "\",\"stream\":\"stdout\",\"time\":\""u8);
        output.Write(Encoding.ASCII.GetBytes(GoTime.Rfc3339Nano(message.Time)));
        output.Write("\"}\n"u8);
    }

    /// <inheritdoc />
    public bool TryDecode(ReadOnlySpan<byte> buffer, out LogMessage? message, out int consumed)
    {
        message = null;
        var newline = buffer.IndexOf((byte)'\n');
        consumed = newline + 1;
        if (newline < 0) return false;
        var reader = new Utf8JsonReader(buffer[..newline]);
        string? log = null, time = null;
        var stream = LogStream.Stdout;
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "log": log = reader.GetString(); break;
                    case "stream": stream = reader.GetString() == "stderr" ? LogStream.Stderr : LogStream.Stdout; break;
                    case "time": time = reader.GetString(); break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (JsonException)
        {
            return true; // a damaged line (a crash mid-write) is skipped, as dockerd does
        }
        if (log == null || time == null || !DateTimeOffset.TryParse(time, out var at)) return true;
        var bytes = Encoding.UTF8.GetBytes(log);
        message = new LogMessage(stream, at, bytes, Partial: bytes.Length == 0 || bytes[^1] != '\n');
        return true;
    }

    private static void WriteGoString(ReadOnlySpan<byte> s, ArrayBufferWriter<byte> output)
    {
        var i = 0;
        while (i < s.Length)
        {
            var b = s[i];
            if (b < 0x80)
            {
                if (b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&') output.Write([b]);
                else if (b is (byte)'"' or (byte)'\\') output.Write([(byte)'\\', b]);
                else if (b == '\n') output.Write("\\n"u8);
                else if (b == '\r') output.Write("\\r"u8);
                else if (b == '\t') output.Write("\\t"u8);
                else output.Write([(byte)'\\', (byte)'u', (byte)'0', (byte)'0', Hex[b >> 4], Hex[b & 0xf]]);
                i++;
                continue;
            }
            var status = Rune.DecodeFromUtf8(s[i..], out var rune, out var size);
            if (status != OperationStatus.Done) { output.Write("\\ufffd"u8); i++; continue; } // Go replaces each bad byte on its own
            if (rune.Value is 0x2028 or 0x2029) output.Write(rune.Value == 0x2028 ? "\\u2028"u8 : "\\u2029"u8);
            else output.Write(s.Slice(i, size));
            i += size;
        }
    }
}

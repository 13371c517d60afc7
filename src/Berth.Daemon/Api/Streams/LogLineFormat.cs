using System.Text;

namespace Berth.Daemon.Api.Streams;

/// <summary>One log message as GET /containers/{id}/logs sends it: [timestamp ][details ]line, like dockerd's WriteLogStream.</summary>
public static class LogLineFormat
{
    /// <summary>The bytes to send for line (which keeps its own newline): with timestamps, the RFC 3339 time with nine fraction digits and a space; with details, the attributes as "k=v,k=v" and a space (a lone space when there are none).</summary>
    public static byte[] Format(ReadOnlySpan<byte> line, DateTime timestamp, IEnumerable<KeyValuePair<string, string>>? attributes, bool timestamps, bool details)
    {
        var prefix = new StringBuilder();
        if (timestamps) prefix.Append(Timestamp(timestamp)).Append(' ');
        if (details) prefix.Append(Attributes(attributes ?? [])).Append(' ');
        var head = Encoding.UTF8.GetBytes(prefix.ToString());
        var bytes = new byte[head.Length + line.Length];
        head.CopyTo(bytes, 0);
        line.CopyTo(bytes.AsSpan(head.Length));
        return bytes;
    }

    /// <summary>Docker's RFC3339NanoFixed ("2006-01-02T15:04:05.000000000Z07:00") in UTC; .NET's 100 ns ticks leave the last two digits 0.</summary>
    public static string Timestamp(DateTime timestamp)
    {
        var utc = timestamp.Kind == DateTimeKind.Local ? timestamp.ToUniversalTime() : timestamp;
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
            + $".{utc.Ticks % TimeSpan.TicksPerSecond * 100:D9}Z";
    }

    /// <summary>The details prefix: attributes sorted by key, each side escaped as Go's url.QueryEscape does, joined by commas.</summary>
    public static string Attributes(IEnumerable<KeyValuePair<string, string>> attributes)
        => string.Join(',', attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{QueryEscape(a.Key)}={QueryEscape(a.Value)}"));

    /// <summary>Go's url.QueryEscape: letters, digits and -_.~ stay, a space becomes +, every other UTF-8 byte %XX.</summary>
    public static string QueryEscape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~') escaped.Append((char)b);
            else if (b == ' ') escaped.Append('+');
            else escaped.Append('%').Append(b.ToString("X2"));
        }
        return escaped.ToString();
    }

    /// <summary>What dockerd sends on the systemerr stream when reading the log fails mid-stream.</summary>
    public static string ReadError(string message) => $"Error grabbing logs: {message}\n";
}

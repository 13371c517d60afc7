using System.Text;

namespace Berth.Daemon.Api.Streams;

/// <summary>The framing facts of one HTTP/1.1 request head: how long its body is and whether the client asks to hijack.</summary>
internal sealed class RequestHead
{
    private RequestHead(string[] lines) => Lines = lines;

    /// <summary>The request line followed by the header lines, without line ends.</summary>
    public string[] Lines { get; }
    /// <summary>The body's declared length; null without Content-Length (or with chunked, which wins).</summary>
    public long? ContentLength { get; private set; }
    /// <summary>The body is chunked (Transfer-Encoding ends with chunked).</summary>
    public bool Chunked { get; private set; }
    /// <summary>The request carries an Upgrade header: dockerd hijacks on that alone.</summary>
    public bool Upgrade { get; private set; }
    /// <summary>The client waits for "100 Continue" before sending the body.</summary>
    public bool ExpectsContinue { get; private set; }

    /// <summary>Parses a head (everything before the blank line); null when it is not something this scanner can frame.</summary>
    public static RequestHead? Parse(ReadOnlySpan<byte> bytes)
    {
        var lines = Encoding.Latin1.GetString(bytes).Split("\r\n");
        if (lines.Length == 0 || lines[0].Length == 0) return null;
        var head = new RequestHead(lines);
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':');
            if (colon <= 0) return null;
            var name = lines[i][..colon];
            var value = lines[i][(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, System.Globalization.NumberStyles.None, null, out var length)) return null;
                if (head.ContentLength is { } earlier && earlier != length) return null;
                head.ContentLength = length;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                head.Chunked = value.Split(',')[^1].Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase);
            else if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
                head.Upgrade = value.Length > 0;
            else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
                head.ExpectsContinue = value.Equals("100-continue", StringComparison.OrdinalIgnoreCase);
        }
        if (head.Chunked) head.ContentLength = null;
        return head;
    }

    /// <summary>
    /// The head Kestrel gets for a hijack request whose body was taken off the wire: no body headers (Kestrel refuses to upgrade a
    /// request with a body) and Connection: Upgrade (dockerd hijacks on the Upgrade header alone; Kestrel wants both).
    /// </summary>
    public byte[] WithoutBody()
    {
        var text = new StringBuilder(Lines[0]).Append("\r\n");
        foreach (var line in Lines.Skip(1))
        {
            var name = line[..line.IndexOf(':')].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Expect", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
                continue;
            text.Append(line).Append("\r\n");
        }
        text.Append("Connection: Upgrade\r\n\r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }
}

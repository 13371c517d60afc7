using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Storage.Images;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The lines of Docker's JSON message stream (load, and later pull and push): progress, plain text and
/// errors, each one JSON object and a newline, in the field order dockerd writes them.</summary>
public static class JsonMessageWriter
{
    // dockerd renders the "progress" text for a 200-column line, so it always carries the bar.
    private const int ServerLineWidth = 200;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>{"status":"Loading layer","progressDetail":{…},"progress":"[==>  ] 1.2MB/3.4MB","id":"…"}</summary>
    public static byte[] Progress(string status, LayerProgress progress)
        => Line(json =>
        {
            json.WriteString("status", status);
            json.WriteStartObject("progressDetail");
            json.WriteNumber("current", progress.Current);
            json.WriteNumber("total", progress.Total);
            json.WriteEndObject();
            // Go escapes '>' as \u003e; the bar holds no other character JSON would escape, so it is written as is.
            var text = ProgressText.Format(progress.Current, progress.Total, ServerLineWidth);
            json.WritePropertyName("progress");
            json.WriteRawValue("\"" + text.Replace(">", "\\u003e", StringComparison.Ordinal) + "\"", skipInputValidation: true);
            json.WriteString("id", progress.Id);
        });

    /// <summary>{"stream":"…"}: text the client prints as it is.</summary>
    public static byte[] Stream(string text) => Line(json => json.WriteString("stream", text));

    /// <summary>{"errorDetail":{"message":"…"},"error":"…"}: the failure that ends the stream.</summary>
    public static byte[] Error(string message)
        => Line(json =>
        {
            json.WriteStartObject("errorDetail");
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteString("error", message);
        });

    private static byte[] Line(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return [.. buffer.WrittenSpan, (byte)'\n'];
    }
}

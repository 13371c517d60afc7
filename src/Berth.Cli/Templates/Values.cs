using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Berth.Cli.Templates;

/// <summary>The value of a map key that is absent; Go prints it as "&lt;no value&gt;".</summary>
internal sealed class Missing
{
    /// <summary>The one instance.</summary>
    internal static readonly Missing Value = new();
}

/// <summary>Template values: JSON nodes from the API, and the strings, numbers, booleans and lists functions make.
/// Printing and truth follow Go's fmt and text/template.</summary>
public static class Values
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON scalars become .NET scalars (string, bool, long, double); everything else is returned as is.</summary>
    internal static object? Normalize(object? value)
    {
        if (value is not JsonValue v) return value;
        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Boxed apart: a conditional of long and double would be a double, losing integers past 2^53 (an event's timeNano).
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? (object)l : v.GetValue<double>(),
            _ => null,
        };
    }

    /// <summary>The value as Go's fmt %v prints it.</summary>
    internal static string ToText(object? value)
    {
        switch (Normalize(value))
        {
            case Missing: return "<no value>";
            case null: return "<nil>";
            case string s: return s;
            case bool b: return b ? "true" : "false";
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case int i: return i.ToString(CultureInfo.InvariantCulture);
            case double d: return d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
            case JsonArray a: return "[" + string.Join(' ', a.Select(e => ToText(e))) + "]";
            case IEnumerable<object?> list: return "[" + string.Join(' ', list.Select(ToText)) + "]";
            case JsonObject o:
                return "map[" + string.Join(' ', o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + ToText(p.Value))) + "]";
            case var other: return other.ToString() ?? "";
        }
    }

    /// <summary>Go's truth: false, 0, nil and empty strings, lists and maps are false.</summary>
    internal static bool IsTrue(object? value) => Normalize(value) switch
    {
        null or Missing => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Length > 0,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        IEnumerable<object?> list => list.Any(),
        _ => true,
    };

    /// <summary>The JSON text of a whole document, for --format json.</summary>
    public static string ToJsonText(JsonNode node) => node.ToJsonString(JsonOptions);

    /// <summary>The value as JSON, like Go's json.Marshal (docker's "json" function).</summary>
    internal static string ToJson(object? value)
    {
        switch (value)
        {
            case JsonNode node: return node.ToJsonString(JsonOptions);
            case null or Missing: return "null";
        }
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonOptions.Encoder }))
            Write(writer, value);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (Normalize(value))
        {
            case null or Missing: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            case double d: writer.WriteNumberValue(d); break;
            case JsonNode n: n.WriteTo(writer, JsonOptions); break;
            case IEnumerable<object?> list:
                writer.WriteStartArray();
                foreach (var e in list) Write(writer, e);
                writer.WriteEndArray();
                break;
            case var other: writer.WriteStringValue(other.ToString()); break;
        }
    }
}

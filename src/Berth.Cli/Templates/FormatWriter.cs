using System.Text;
using System.Text.Json.Nodes;

namespace Berth.Cli.Templates;

/// <summary>Docker's --format handling: "\t" and "\n" escapes, one line per item, and the "table" prefix that adds a
/// header row and aligns the columns.</summary>
public static class FormatWriter
{
    /// <summary>True when the format asks for a table ("table" or "table &lt;template&gt;").</summary>
    public static bool IsTable(string format) => format == "table" || format.StartsWith("table ", StringComparison.Ordinal);

    /// <summary>Renders items with format; tableDefault is the template a bare "table" means; headers map field names to
    /// column titles (others are derived: CreatedAt → CREATED AT).</summary>
    public static string Render(string format, IEnumerable<JsonNode?> items, string tableDefault = "",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var table = IsTable(format);
        var body = table ? format["table".Length..].TrimStart(' ') : format;
        if (table && body.Length == 0) body = tableDefault;
        var template = Template.Parse(Unescape(body));
        var lines = new List<string>();
        var list = items.ToList();
        if (table) lines.Add(template.Execute(HeaderRow(list.FirstOrDefault(), headers)));
        foreach (var item in list) lines.Add(template.Execute(item));
        if (table) return TabWriter.Align(lines.SelectMany(l => l.Split('\n')).Where((l, i) => l.Length > 0 || i == 0));
        var sb = new StringBuilder();
        foreach (var line in lines) sb.Append(line).Append('\n');
        return sb.ToString();
    }

    /// <summary>The column title docker would print for a field name.</summary>
    public static string HeaderName(string field)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            // A new word starts at an upper-case letter that follows a lower-case one, or that starts "Xy" after capitals (IDName → ID NAME).
            if (i > 0 && char.IsUpper(c) && (char.IsLower(field[i - 1]) || (i + 1 < field.Length && char.IsLower(field[i + 1]) && char.IsUpper(field[i - 1]))))
                sb.Append(' ');
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    // Docker lets a shell-quoted format spell tabs and new lines as \t and \n.
    private static string Unescape(string format) => format.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);

    private static JsonObject HeaderRow(JsonNode? sample, IReadOnlyDictionary<string, string>? headers)
    {
        var row = new JsonObject();
        if (sample is JsonObject o)
            foreach (var (key, value) in o)
                row[key] = value is JsonObject nested ? HeaderRow(nested, headers) : headers?.GetValueOrDefault(key) ?? HeaderName(key);
        if (headers != null)
            foreach (var (key, title) in headers)
                if (!row.ContainsKey(key)) row[key] = title;
        return row;
    }
}

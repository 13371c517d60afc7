using System.Text.Json;

namespace Berth.Build.Dockerfile;

/// <summary>The exec ("JSON") form of CMD, ENTRYPOINT, VOLUME and HEALTHCHECK CMD: text that is a JSON array of
/// strings; any other text is the shell form.</summary>
public static class JsonForm
{
    /// <summary>The array's strings when text is the JSON form, else null.</summary>
    public static List<string>? TryParse(string text)
    {
        if (!text.StartsWith('[')) return null;
        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException) { return null; }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array) return null;
            var items = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                    throw new DockerfileException("when using JSON array syntax, arrays must be comprised of strings only");
                items.Add(item.GetString()!);
            }
            return items;
        }
    }
}

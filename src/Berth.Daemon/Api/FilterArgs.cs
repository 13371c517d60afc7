using System.Text.Json;
using Berth.Daemon.Errors;

namespace Berth.Daemon.Api;

/// <summary>The `filters` query parameter of Docker's list endpoints: {"key":{"value":true}} or the older {"key":["value"]}.</summary>
public static class FilterArgs
{
    /// <summary>The filters by key; 400 "invalid filter 'x'" for a key outside known or a malformed document.</summary>
    public static Dictionary<string, List<string>> Parse(string? json, IReadOnlySet<string> known)
    {
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return filters;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new BadRequestError("invalid filter: the filters must be a JSON object");
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!known.Contains(property.Name)) throw new BadRequestError($"invalid filter '{property.Name}'");
                filters[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Object => property.Value.EnumerateObject().Select(p => p.Name).ToList(),
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToList(),
                    _ => throw new BadRequestError($"invalid filter '{property.Name}'"),
                };
            }
        }
        catch (JsonException e)
        {
            throw new BadRequestError($"invalid filter: {e.Message}");
        }
        return filters;
    }
}

using System.Text.Json;
using Berth.Daemon.Errors;
using Berth.Oci.Reference;

namespace Berth.Daemon.Events;

/// <summary>The filters of GET /events with dockerd 20.10's matching (daemon/events/filter.go): type, event, scope and
/// image match exactly; container, daemon, volume and network match the actor's ID or name by prefix; label needs every
/// key (and value, when given). dockerd does not check the keys, so an unknown one filters nothing.</summary>
public sealed class EventFilter
{
    private readonly Dictionary<string, HashSet<string>> _values;

    private EventFilter(Dictionary<string, HashSet<string>> values) => _values = values;

    /// <summary>A filter that lets everything through.</summary>
    public static EventFilter All { get; } = new(new Dictionary<string, HashSet<string>>());

    /// <summary>Parses the filters JSON ({"type":{"image":true}} or the older {"type":["image"]}); malformed JSON is a
    /// 500 carrying the decoder's complaint in Go's wording, as dockerd answers.</summary>
    public static EventFilter Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return All;
        var values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new FilterDecodeError($"json: cannot unmarshal {GoKind(doc.RootElement)} into Go value of type map[string]map[string]bool");
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Object:
                        foreach (var v in property.Value.EnumerateObject()) set.Add(v.Name);
                        break;
                    case JsonValueKind.Array:
                        foreach (var v in property.Value.EnumerateArray())
                            set.Add(v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FilterDecodeError($"json: cannot unmarshal {GoKind(v)} into Go value of type string"));
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        throw new FilterDecodeError($"json: cannot unmarshal {GoKind(property.Value)} into Go value of type map[string]bool");
                }
                values[property.Name] = set;
            }
        }
        catch (JsonException e)
        {
            throw new FilterDecodeError(e.Message);
        }
        return new EventFilter(values);
    }

    /// <summary>Whether <paramref name="e"/> passes every filter.</summary>
    public bool Includes(EventMessage e)
    {
        if (_values.Count == 0) return true;
        return MatchesEvent(e.Action) && Exact("type", e.Type) && Exact("scope", e.Scope)
            && ByName(EventTypes.Daemon, e) && ByName(EventTypes.Container, e) && ByName(EventTypes.Volume, e) && ByName(EventTypes.Network, e)
            && MatchesImage(e) && MatchesLabels(e.Actor.Attributes);
    }

    // dockerd matches "exec_start" against "exec_start: sh -c …" by prefix when any of these bare names is asked for.
    private bool MatchesEvent(string action)
        => Values("event") is { } wanted && wanted.Overlaps(["health_status", "exec_create", "exec_start"]) ? Fuzzy("event", action) : Exact("event", action);

    private bool ByName(string key, EventMessage e)
        => Fuzzy(key, e.Actor.Id) || Fuzzy(key, e.Actor.Attributes.GetValueOrDefault("name") ?? "");

    // An image event names its image in "name", a container event in "image"; the repository without the tag counts too.
    private bool MatchesImage(EventMessage e)
    {
        var name = e.Actor.Attributes.GetValueOrDefault(e.Type == EventTypes.Image ? "name" : "image") ?? "";
        return Exact("image", e.Actor.Id) || Exact("image", name) || Exact("image", StripTag(e.Actor.Id)) || Exact("image", StripTag(name));
    }

    private bool MatchesLabels(IReadOnlyDictionary<string, string> attributes)
    {
        if (Values("label") is not { } labels) return true;
        foreach (var label in labels)
        {
            var parts = label.Split('=', 2);
            if (!attributes.TryGetValue(parts[0], out var value)) return false;
            if (parts.Length == 2 && value != parts[1]) return false;
        }
        return true;
    }

    private HashSet<string>? Values(string key) => _values.TryGetValue(key, out var set) && set.Count > 0 ? set : null;

    private bool Exact(string key, string value) => Values(key) is not { } set || set.Contains(value);

    private bool Fuzzy(string key, string value) => Values(key) is not { } set || set.Contains(value) || set.Any(v => value.StartsWith(v, StringComparison.Ordinal));

    private static string StripTag(string image) => ImageReference.TryParse(image, out var reference) ? reference.FamiliarName : image;

    private static string GoKind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}

/// <summary>A filters parameter dockerd's decoder refuses: it answers 500 with the decoder's message.</summary>
public sealed class FilterDecodeError(string message) : BerthError(500, message);

using System.Globalization;
using System.Text.Json;
using Berth.Daemon.Errors;
using Berth.Oci.Image;
using Berth.Storage.Images;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The filters of POST /images/prune: dangling (false = all unused images), until (a duration or a time),
/// label and label! (key or key=value).</summary>
public sealed class PruneFilters
{
    private DateTimeOffset? _until;
    private readonly List<(string Filter, bool Negate)> _labels = [];

    /// <summary>True when every unused image goes, not only dangling ones.</summary>
    public bool All { get; private set; }

    /// <summary>Parses the filters JSON ({"key":{"value":true}} or {"key":["value"]}).</summary>
    public static PruneFilters Parse(string? json)
    {
        var filters = new PruneFilters();
        if (string.IsNullOrWhiteSpace(json)) return filters;
        try
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                var values = property.Value.ValueKind == JsonValueKind.Object
                    ? property.Value.EnumerateObject().Select(p => p.Name).ToList()
                    : property.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
                foreach (var value in values) filters.Add(property.Name, value);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new BadRequestError($"invalid filter: {e.Message}");
        }
        return filters;
    }

    private void Add(string key, string value)
    {
        switch (key)
        {
            case "dangling":
                All = value is "false" or "0";
                if (value is not ("true" or "1" or "false" or "0")) throw new BadRequestError($"invalid filter 'dangling={value}'");
                break;
            case "until":
                _until = ParseUntil(value);
                break;
            case "label":
                _labels.Add((value, false));
                break;
            case "label!":
                _labels.Add((value, true));
                break;
            default:
                throw new BadRequestError($"invalid filter '{key}'");
        }
    }

    /// <summary>True when the image may be pruned under these filters.</summary>
    public bool Selects(StoredImage image, ImageConfig config)
        => !(_until is { } until && image.Record.Created >= until) && LabelsMatch(config.Config?.Labels);

    /// <summary>True when the (stopped) container may be pruned under these filters.</summary>
    public bool SelectsContainer(Containers.Store.ContainerRecord c)
        => !(_until is { } until && Rfc3339.TryParse(c.Created, out var created) && created >= until) && LabelsMatch(c.Config.Labels);

    private bool LabelsMatch(IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var (filter, negate) in _labels)
        {
            var eq = filter.IndexOf('=');
            var key = eq < 0 ? filter : filter[..eq];
            var has = labels != null && labels.TryGetValue(key, out var value) && (eq < 0 || value == filter[(eq + 1)..]);
            if (has == negate) return false;
        }
        return true;
    }

    // Docker's until: a Go duration before now (10m, 24h, 1h30m), a Unix timestamp, or an RFC 3339 time.
    private static DateTimeOffset ParseUntil(string value)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (Rfc3339.TryParse(value, out var time)) return time;
        var total = TimeSpan.Zero;
        var rest = value;
        while (rest.Length > 0)
        {
            var digits = 0;
            while (digits < rest.Length && (char.IsAsciiDigit(rest[digits]) || rest[digits] == '.')) digits++;
            var unitEnd = digits;
            while (unitEnd < rest.Length && char.IsAsciiLetter(rest[unitEnd])) unitEnd++;
            if (digits == 0 || unitEnd == digits || !double.TryParse(rest[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
                throw new BadRequestError($"invalid filter 'until={value}'");
            total += rest[digits..unitEnd] switch
            {
                "h" => TimeSpan.FromHours(amount), "m" => TimeSpan.FromMinutes(amount), "s" => TimeSpan.FromSeconds(amount),
                "ms" => TimeSpan.FromMilliseconds(amount),
                _ => throw new BadRequestError($"invalid filter 'until={value}'"),
            };
            rest = rest[unitEnd..];
        }
        return DateTimeOffset.UtcNow - total;
    }
}

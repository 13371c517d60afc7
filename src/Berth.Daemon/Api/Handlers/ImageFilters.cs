using System.Text.RegularExpressions;
using Berth.Daemon.Errors;
using Berth.Oci.Reference;
using Berth.Storage.Images;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The filters of GET /images/json (dangling, reference, before, since, label), with Docker's semantics.</summary>
public sealed class ImageFilters
{
    private static readonly HashSet<string> Known = ["dangling", "reference", "before", "since", "label"];
    private readonly Dictionary<string, List<string>> _filters;

    private ImageFilters(Dictionary<string, List<string>> filters) => _filters = filters;

    /// <summary>Parses the query's filters JSON: {"key":{"value":true}} or the older {"key":["value"]}.</summary>
    public static ImageFilters Parse(string? json)
    {
        var filters = FilterArgs.Parse(json, Known);
        if (filters.TryGetValue("dangling", out var dangling) && dangling.Any(v => v is not ("true" or "false" or "1" or "0")))
            throw new BadRequestError($"invalid filter 'dangling={dangling[0]}'");
        return new ImageFilters(filters);
    }

    /// <summary>Keeps the images every filter accepts; before/since name images that must exist.</summary>
    public IEnumerable<StoredImage> Apply(IEnumerable<StoredImage> images, Func<string, StoredImage> resolve, Func<StoredImage, List<string>> tags)
    {
        var before = _filters.GetValueOrDefault("before")?.Select(resolve).Min(i => i.Record.Created);
        var since = _filters.GetValueOrDefault("since")?.Select(resolve).Max(i => i.Record.Created);
        foreach (var image in images)
        {
            if (before is { } b && image.Record.Created >= b) continue;
            if (since is { } s && image.Record.Created <= s) continue;
            if (_filters.TryGetValue("dangling", out var dangling))
            {
                var wantDangling = dangling[0] is "true" or "1";
                if ((tags(image).Count == 0) != wantDangling) continue;
            }
            if (_filters.TryGetValue("reference", out var patterns) && !patterns.Any(p => tags(image).Any(t => MatchesReference(p, t)))) continue;
            yield return image;
        }
    }

    /// <summary>The names a reference filter matches (all of them without one): dockerd lists only those.</summary>
    public List<string> Referenced(List<string> familiarNames)
        => _filters.TryGetValue("reference", out var patterns) ? familiarNames.Where(n => patterns.Any(p => MatchesReference(p, n))).ToList() : familiarNames;

    /// <summary>True when the image's labels satisfy every label filter (key, or key=value).</summary>
    public bool MatchesLabels(Dictionary<string, string>? labels)
    {
        if (!_filters.TryGetValue("label", out var wanted)) return true;
        foreach (var filter in wanted)
        {
            var eq = filter.IndexOf('=');
            var key = eq < 0 ? filter : filter[..eq];
            if (labels is null || !labels.TryGetValue(key, out var value)) return false;
            if (eq >= 0 && value != filter[(eq + 1)..]) return false;
        }
        return true;
    }

    // Docker matches the pattern (a path.Match glob) against the familiar name with its tag, and without it.
    private static bool MatchesReference(string pattern, string familiarTag)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
        if (regex.IsMatch(familiarTag)) return true;
        return ImageReference.TryParse(familiarTag, out var reference) && regex.IsMatch(reference.FamiliarName);
    }
}

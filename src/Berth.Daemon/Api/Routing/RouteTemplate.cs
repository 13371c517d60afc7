namespace Berth.Daemon.Api.Routing;

/// <summary>A path template like /containers/{id}/json; {name*} takes one or more segments (image names hold slashes).</summary>
public sealed class RouteTemplate
{
    private readonly string[] _segments;
    private readonly int _greedy;

    /// <summary>The template as written, which is also how messages name the endpoint.</summary>
    public string Text { get; }

    /// <summary>Parses a template.</summary>
    public RouteTemplate(string text)
    {
        Text = text;
        _segments = text.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        _greedy = Array.FindIndex(_segments, s => s.StartsWith('{') && s.EndsWith("*}", StringComparison.Ordinal));
    }

    /// <summary>The parameters when path matches, else null.</summary>
    public Dictionary<string, string>? Match(string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var values = new Dictionary<string, string>();
        if (_greedy < 0)
        {
            if (parts.Length != _segments.Length) return null;
            for (var i = 0; i < parts.Length; i++)
                if (!MatchSegment(_segments[i], parts[i], values)) return null;
            return values;
        }
        var after = _segments.Length - _greedy - 1;
        if (parts.Length < _segments.Length) return null;
        for (var i = 0; i < _greedy; i++)
            if (!MatchSegment(_segments[i], parts[i], values)) return null;
        for (var i = 0; i < after; i++)
            if (!MatchSegment(_segments[^(i + 1)], parts[^(i + 1)], values)) return null;
        values[_segments[_greedy][1..^2]] = string.Join('/', parts[_greedy..(parts.Length - after)]);
        return values;
    }

    private static bool MatchSegment(string template, string part, Dictionary<string, string> values)
    {
        if (template.StartsWith('{') && template.EndsWith('}'))
        {
            values[template[1..^1]] = Uri.UnescapeDataString(part);
            return true;
        }
        return string.Equals(template, part, StringComparison.Ordinal);
    }
}

using System.Globalization;

namespace Berth.Build.Dockerfile;

/// <summary>EXPOSE's port specs as Docker reads them: [ip:][hostPort:]containerPort[-end][/proto], proto tcp by default.</summary>
public static class ExposedPorts
{
    /// <summary>The "port/proto" keys a spec exposes (a range gives one per port).</summary>
    public static IEnumerable<string> Parse(string spec)
    {
        var proto = "tcp";
        var slash = spec.LastIndexOf('/');
        if (slash >= 0)
        {
            proto = spec[(slash + 1)..].ToLowerInvariant();
            spec = spec[..slash];
            if (proto is not ("tcp" or "udp" or "sctp")) throw new DockerfileException($"Invalid proto: {proto}");
        }
        var container = spec[(spec.LastIndexOf(':') + 1)..];
        var dash = container.IndexOf('-');
        var (first, last) = dash < 0 ? (Port(container, container), Port(container, container))
            : (Port(container[..dash], container), Port(container[(dash + 1)..], container));
        if (last < first) throw new DockerfileException($"Invalid range specified for the Port: {container}");
        for (var port = first; port <= last; port++) yield return $"{port}/{proto}";
    }

    private static int Port(string text, string spec)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port : throw new DockerfileException($"Invalid containerPort: {spec}");
}

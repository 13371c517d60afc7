using Berth.Cli.CommandLine;

namespace Berth.Cli.Connection;

/// <summary>Where the daemon listens, from -H, $BERTH_HOST or the default socket (docker's DOCKER_HOST rules).</summary>
public sealed record DaemonAddress(bool IsUnix, string SocketPath, string Host, int Port)
{
    /// <summary>berthd's default socket.</summary>
    public const string Default = "unix:///run/berth/berthd.sock";

    /// <summary>The address as given, for messages ("Cannot connect to the Berth daemon at …").</summary>
    public string Text { get; init; } = "";

    /// <summary>Parses a host string; tls picks 2376 over 2375 as the default TCP port.</summary>
    public static DaemonAddress Parse(string value, bool tls)
    {
        var text = value.Trim();
        if (text.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = text["unix://".Length..];
            if (path.Length == 0) throw new CliError($"unable to parse daemon host `{value}`: no socket path", 1);
            return new DaemonAddress(true, path, "", 0) { Text = text };
        }
        if (text.StartsWith("tcp://", StringComparison.Ordinal))
        {
            var rest = text["tcp://".Length..].TrimEnd('/');
            string host;
            string? portText = null;
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']');
                if (close < 0) throw new CliError($"unable to parse daemon host `{value}`: missing ']'", 1);
                host = rest[1..close];
                if (close + 1 < rest.Length && rest[close + 1] == ':') portText = rest[(close + 2)..];
            }
            else
            {
                var colon = rest.LastIndexOf(':');
                host = colon >= 0 ? rest[..colon] : rest;
                if (colon >= 0) portText = rest[(colon + 1)..];
            }
            if (host.Length == 0) host = "localhost";
            var port = tls ? 2376 : 2375;
            if (!string.IsNullOrEmpty(portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
                throw new CliError($"unable to parse daemon host `{value}`: invalid port", 1);
            return new DaemonAddress(false, "", host, port) { Text = text };
        }
        throw new CliError($"unable to parse daemon host `{value}`: use unix:///path or tcp://host:port", 1);
    }
}

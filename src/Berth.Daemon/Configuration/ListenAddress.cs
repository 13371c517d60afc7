using System.Net;

namespace Berth.Daemon.Configuration;

/// <summary>The transport of a -H address.</summary>
public enum ListenKind { Unix, Tcp }

/// <summary>One address berthd listens on, parsed from dockerd's -H syntax (unix:///path, tcp://host:port).</summary>
public sealed record ListenAddress(ListenKind Kind, string Path, IPAddress? Address, int Port, string Original)
{
    /// <summary>The default socket, as /var/run/docker.sock is dockerd's.</summary>
    public const string DefaultUnix = "unix:///run/berth/berthd.sock";

    /// <summary>dockerd's port for TLS listeners when -H names none; 2375 when TLS is off.</summary>
    private const int DefaultTlsPort = 2376, DefaultPlainPort = 2375;

    /// <summary>True for a TCP address that only this machine can reach.</summary>
    public bool IsLoopback => Kind == ListenKind.Unix || (Address != null && IPAddress.IsLoopback(Address));

    /// <summary>The address written the canonical way, for logs.</summary>
    public override string ToString() => Kind == ListenKind.Unix ? "unix://" + Path : $"tcp://{FormatHost(Address!)}:{Port}";

    /// <summary>Parses a -H value; throws <see cref="StartupError"/> with a dockerd-like message when it is not usable.</summary>
    public static ListenAddress Parse(string value, bool tls)
    {
        var text = value.Trim();
        if (text.Length == 0) return Parse(DefaultUnix, tls);
        if (text.StartsWith("fd://", StringComparison.Ordinal))
            throw new StartupError($"listener {text}: socket activation (fd://) needs systemd, which berthd does not use; use unix:///path or tcp://host:port");
        if (text.StartsWith("unix://", StringComparison.Ordinal))
        {
            var path = text["unix://".Length..];
            if (path.Length == 0) path = new Uri(DefaultUnix).AbsolutePath;
            if (!path.StartsWith('/')) throw new StartupError($"invalid unix socket address {text}: the path must be absolute");
            return new ListenAddress(ListenKind.Unix, path, null, 0, value);
        }
        if (text.StartsWith("tcp://", StringComparison.Ordinal)) return ParseTcp(text, value, tls);
        if (text.Contains("://", StringComparison.Ordinal))
            throw new StartupError($"invalid bind address ({text}): unsupported protocol");
        // dockerd reads a bare "host:port" or ":port" as TCP, and a bare path as a unix socket.
        if (text.StartsWith('/')) return new ListenAddress(ListenKind.Unix, text, null, 0, value);
        return ParseTcp("tcp://" + text, value, tls);
    }

    private static ListenAddress ParseTcp(string text, string original, bool tls)
    {
        var rest = text["tcp://".Length..];
        var slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            if (rest[slash..] != "/") throw new StartupError($"invalid bind address ({text}): should not contain a path element");
            rest = rest[..slash];
        }
        string host;
        string? portText;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) throw new StartupError($"invalid bind address ({text}): missing ']' in address");
            host = rest[1..close];
            var after = rest[(close + 1)..];
            portText = after.StartsWith(':') ? after[1..] : after.Length == 0 ? null : throw new StartupError($"invalid bind address ({text})");
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon >= 0 ? rest[..colon] : rest;
            portText = colon >= 0 ? rest[(colon + 1)..] : null;
        }
        var port = tls ? DefaultTlsPort : DefaultPlainPort;
        if (!string.IsNullOrEmpty(portText) && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
            throw new StartupError($"invalid bind address ({text}): invalid port {portText}");
        IPAddress address;
        if (host.Length == 0) address = IPAddress.Any;
        else if (host == "localhost") address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out address!))
            throw new StartupError($"invalid bind address ({text}): {host} is not an IP address (berthd binds addresses, not names)");
        return new ListenAddress(ListenKind.Tcp, "", address, port, original);
    }

    private static string FormatHost(IPAddress a)
        => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();
}

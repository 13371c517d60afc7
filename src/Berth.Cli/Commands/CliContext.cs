using Berth.Cli.CommandLine;
using Berth.Cli.Connection;

namespace Berth.Cli.Commands;

/// <summary>What every command shares: the global flags and a daemon client made on first use.</summary>
public sealed class CliContext(ParsedFlags global, TextWriter output, TextWriter error) : IDisposable
{
    private DaemonClient? _client;

    /// <summary>Where results go.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Where warnings and errors go.</summary>
    public TextWriter Err { get; } = error;

    /// <summary>-D/--debug.</summary>
    public bool Debug => global.IsOn("debug");

    /// <summary>The daemon client: host from -H, else $BERTH_HOST, else the default socket.</summary>
    public DaemonClient Client
    {
        get
        {
            if (_client != null) return _client;
            var tls = TlsSettings.From(global);
            var host = global.Get("host") ?? (Environment.GetEnvironmentVariable("BERTH_HOST") is { Length: > 0 } h ? h : DaemonAddress.Default);
            return _client = new DaemonClient(DaemonAddress.Parse(host, tls != null), tls);
        }
    }

    /// <summary>Closes the client.</summary>
    public void Dispose() => _client?.Dispose();
}

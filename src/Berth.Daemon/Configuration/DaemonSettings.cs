using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Configuration;

/// <summary>berthd's effective settings: flags and daemon.json merged, defaults filled in, and checked.</summary>
public sealed record DaemonSettings
{
    /// <summary>Where persistent state lives when --data-root is not given.</summary>
    public const string DefaultDataRoot = "/var/lib/berth";
    /// <summary>The pid file when --pidfile is not given.</summary>
    public const string DefaultPidFile = "/run/berth/berthd.pid";

    /// <summary>The addresses to listen on.</summary>
    public required IReadOnlyList<ListenAddress> Hosts { get; init; }
    /// <summary>The root of persistent state.</summary>
    public required string DataRoot { get; init; }
    /// <summary>The root of run-time state (bundles, the monitor's socket and records) when --exec-root is not given.</summary>
    public const string DefaultExecRoot = "/run/berth";
    /// <summary>The root of run-time state that does not outlive a reboot.</summary>
    public string ExecRoot { get; init; } = DefaultExecRoot;
    /// <summary>The pid file.</summary>
    public required string PidFile { get; init; }
    /// <summary>Debug mode (implies the debug log level).</summary>
    public bool Debug { get; init; }
    /// <summary>The minimum level logged.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    /// <summary>Serve TCP listeners over TLS.</summary>
    public bool Tls { get; init; }
    /// <summary>Require and verify client certificates against the CA.</summary>
    public bool TlsVerify { get; init; }
    /// <summary>The CA that signs accepted client certificates.</summary>
    public string? TlsCaCert { get; init; }
    /// <summary>The server certificate (PEM).</summary>
    public string? TlsCert { get; init; }
    /// <summary>The server key (PEM).</summary>
    public string? TlsKey { get; init; }
    /// <summary>Where the settings file was looked for, for start-up logs.</summary>
    public string ConfigFile { get; init; } = DaemonCommandLine.DefaultConfigFile;
}

using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Configuration;

/// <summary>Merges the command line with daemon.json the way dockerd does, and refuses unsafe or contradictory settings.</summary>
public static class SettingsResolver
{
    /// <summary>The effective settings; throws <see cref="StartupError"/> on conflicts and invalid values.</summary>
    public static DaemonSettings Resolve(DaemonCommandLine commandLine, OptionValues file)
    {
        var flags = commandLine.Options;
        var fileSet = file.SetOptions().ToDictionary(o => o.Key, o => o.Value);
        var conflicts = flags.SetOptions().Where(f => fileSet.ContainsKey(f.Key))
            .Select(f => $"{f.Key}: (from flag: {f.Value}, from file: {fileSet[f.Key]})").ToList();
        if (conflicts.Count > 0)
            throw new StartupError($"unable to configure the Berth daemon with file {commandLine.ConfigFile}: " +
                "the following directives are specified both as a flag and in the configuration file: " + string.Join(", ", conflicts));

        var tlsVerify = flags.TlsVerify ?? file.TlsVerify ?? false;
        // As in dockerd, --tlsverify implies --tls.
        var tls = tlsVerify || (flags.Tls ?? file.Tls ?? false);
        var debug = flags.Debug ?? file.Debug ?? false;
        var hosts = (flags.Hosts ?? file.Hosts ?? [ListenAddress.DefaultUnix]).Select(h => ListenAddress.Parse(h, tls)).ToList();
        if (hosts.Count == 0) hosts.Add(ListenAddress.Parse(ListenAddress.DefaultUnix, tls));
        var settings = new DaemonSettings
        {
            Hosts = hosts,
            DataRoot = Path.GetFullPath(flags.DataRoot ?? file.DataRoot ?? DaemonSettings.DefaultDataRoot),
            ExecRoot = Path.GetFullPath(flags.ExecRoot ?? file.ExecRoot ?? DaemonSettings.DefaultExecRoot),
            PidFile = Path.GetFullPath(flags.PidFile ?? file.PidFile ?? DaemonSettings.DefaultPidFile),
            Debug = debug,
            LogLevel = debug ? LogLevel.Debug : ParseLogLevel(flags.LogLevel ?? file.LogLevel ?? "info"),
            Tls = tls,
            TlsVerify = tlsVerify,
            TlsCaCert = flags.TlsCaCert ?? file.TlsCaCert,
            TlsCert = flags.TlsCert ?? file.TlsCert,
            TlsKey = flags.TlsKey ?? file.TlsKey,
            ConfigFile = commandLine.ConfigFile,
        };
        Check(settings);
        return settings;
    }

    /// <summary>dockerd's (logrus's) level names.</summary>
    public static LogLevel ParseLogLevel(string name) => name.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" or "panic" => LogLevel.Critical,
        _ => throw new StartupError($"unable to parse logging level: {name}"),
    };

    private static void Check(DaemonSettings s)
    {
        var tcp = s.Hosts.Where(h => h.Kind == ListenKind.Tcp).ToList();
        foreach (var h in tcp.Where(h => !h.IsLoopback))
        {
            // An open Engine API is root on this machine for anyone who reaches it: only mutual TLS makes it safe.
            if (!s.TlsVerify || s.TlsCaCert == null || s.TlsCert == null || s.TlsKey == null)
                throw new StartupError($"refusing to listen on {h} without TLS client verification: anyone reaching a non-loopback " +
                    "address would control this machine; pass --tlsverify --tlscacert --tlscert --tlskey, or listen on a unix socket or 127.0.0.1");
        }
        if (s.Tls && tcp.Count > 0)
        {
            if (s.TlsCert == null || s.TlsKey == null) throw new StartupError("TLS needs both --tlscert and --tlskey");
            if (s.TlsVerify && s.TlsCaCert == null) throw new StartupError("--tlsverify needs --tlscacert to verify client certificates against");
            foreach (var f in new[] { s.TlsCaCert, s.TlsCert, s.TlsKey })
                if (f != null && !File.Exists(f)) throw new StartupError($"could not load TLS file {f}: no such file or directory");
        }
    }
}

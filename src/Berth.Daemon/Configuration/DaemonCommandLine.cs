namespace Berth.Daemon.Configuration;

/// <summary>berthd's command line: the options it sets plus the flags that are not options (config file, help, version).</summary>
public sealed class DaemonCommandLine
{
    /// <summary>Where daemon.json is read from when --config-file is not given (dockerd: /etc/docker/daemon.json).</summary>
    public const string DefaultConfigFile = "/etc/berth/daemon.json";

    /// <summary>The options given as flags.</summary>
    public OptionValues Options { get; } = new();
    /// <summary>The daemon.json path.</summary>
    public string ConfigFile { get; private set; } = DefaultConfigFile;
    /// <summary>True when --config-file was given, which makes a missing file an error rather than "no file".</summary>
    public bool ConfigFileExplicit { get; private set; }
    /// <summary>-h/--help.</summary>
    public bool Help { get; private set; }
    /// <summary>-v/--version.</summary>
    public bool Version { get; private set; }

    private static readonly Dictionary<string, string> Shorthands = new()
    {
        ["H"] = "host", ["D"] = "debug", ["l"] = "log-level", ["p"] = "pidfile", ["h"] = "help", ["v"] = "version",
    };

    private static readonly HashSet<string> BoolFlags = ["debug", "tls", "tlsverify", "help", "version"];

    private static readonly HashSet<string> ValueFlags =
        ["host", "data-root", "exec-root", "config-file", "log-level", "tlscacert", "tlscert", "tlskey", "pidfile"];

    /// <summary>Parses args with pflag's rules (--name=value, --name value, -H value, -Hvalue); throws <see cref="UsageError"/>.</summary>
    public static DaemonCommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new DaemonCommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name;
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                name = arg[2..];
                var eq = name.IndexOf('=');
                if (eq >= 0) { inline = name[(eq + 1)..]; name = name[..eq]; }
                if (!BoolFlags.Contains(name) && !ValueFlags.Contains(name)) throw new UsageError($"unknown flag: --{name}");
            }
            else if (arg.StartsWith('-') && arg.Length > 1 && arg != "--")
            {
                var shorthand = arg[1].ToString();
                if (!Shorthands.TryGetValue(shorthand, out name!)) throw new UsageError($"unknown shorthand flag: '{shorthand}' in {arg}");
                if (arg.Length > 2) inline = arg[2] == '=' ? arg[3..] : arg[2..];
            }
            else throw new UsageError($"berthd: '{arg}' is not a berthd command.");

            if (BoolFlags.Contains(name))
            {
                var on = inline switch
                {
                    null or "true" or "1" or "t" or "T" or "TRUE" or "True" => true,
                    "false" or "0" or "f" or "F" or "FALSE" or "False" => false,
                    _ => throw new UsageError($"invalid argument \"{inline}\" for \"--{name}\" flag: strconv.ParseBool: parsing \"{inline}\": invalid syntax"),
                };
                result.SetBool(name, on);
                continue;
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageError($"flag needs an argument: --{name}"));
            result.SetValue(name, value);
        }
        return result;
    }

    private void SetBool(string name, bool on)
    {
        switch (name)
        {
            case "debug": Options.Debug = on; break;
            case "tls": Options.Tls = on; break;
            case "tlsverify": Options.TlsVerify = on; break;
            case "help": Help = on; break;
            case "version": Version = on; break;
        }
    }

    private void SetValue(string name, string value)
    {
        switch (name)
        {
            case "host": (Options.Hosts ??= []).Add(value); break;
            case "data-root": Options.DataRoot = value; break;
            case "exec-root": Options.ExecRoot = value; break;
            case "config-file": ConfigFile = value; ConfigFileExplicit = true; break;
            case "log-level": Options.LogLevel = value; break;
            case "tlscacert": Options.TlsCaCert = value; break;
            case "tlscert": Options.TlsCert = value; break;
            case "tlskey": Options.TlsKey = value; break;
            case "pidfile": Options.PidFile = value; break;
        }
    }

    /// <summary>The text of berthd --help.</summary>
    public const string Usage = """
        Usage:	berthd [OPTIONS]

        A Docker-compatible container engine daemon

        Options:
              --config-file string   Daemon configuration file (default "/etc/berth/daemon.json")
              --data-root string     Root directory of persistent Berth state (default "/var/lib/berth")
          -D, --debug                Enable debug mode
              --exec-root string     Root directory for execution state files (default "/run/berth")
          -h, --help                 Print usage
          -H, --host list            Daemon socket(s) to connect to (default unix:///run/berth/berthd.sock)
          -l, --log-level string     Set the logging level ("debug"|"info"|"warn"|"error"|"fatal") (default "info")
          -p, --pidfile string       Path to use for daemon PID file (default "/run/berth/berthd.pid")
              --tls                  Use TLS; implied by --tlsverify
              --tlscacert string     Trust certs signed only by this CA
              --tlscert string       Path to TLS certificate file
              --tlskey string        Path to TLS key file
              --tlsverify            Use TLS and verify the remote
          -v, --version              Print version information and quit

        """;
}

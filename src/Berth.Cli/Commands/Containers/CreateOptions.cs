using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth create`/`run` command lines parsed as the docker CLI 28 parses them, into the POST /containers/create
/// request: the name for the query and the body (Config, HostConfig, NetworkingConfig) with docker's fields and units.</summary>
public sealed class CreateOptions
{
    /// <summary>--name, or null.</summary>
    public string? Name { get; private init; }

    /// <summary>The image argument.</summary>
    public required string Image { get; init; }

    /// <summary>-d (run only).</summary>
    public bool Detach { get; private init; }

    /// <summary>--detach-keys (run only), or null.</summary>
    public string? DetachKeys { get; private init; }

    /// <summary>--sig-proxy (run only; on unless --sig-proxy=false).</summary>
    public bool SigProxy { get; private init; } = true;

    /// <summary>-t.</summary>
    public bool Tty => Body["Tty"]?.GetValue<bool>() == true;

    /// <summary>-i.</summary>
    public bool Interactive => Body["OpenStdin"]?.GetValue<bool>() == true;

    /// <summary>The streams to attach (-a; stdout and stderr when none is named), stdin also with -i.</summary>
    public bool AttachStdin => Body["AttachStdin"]?.GetValue<bool>() == true;

    /// <summary>Whether stdout is attached.</summary>
    public bool AttachStdout => Body["AttachStdout"]?.GetValue<bool>() == true;

    /// <summary>Whether stderr is attached.</summary>
    public bool AttachStderr => Body["AttachStderr"]?.GetValue<bool>() == true;

    /// <summary>-a was given: with -d it is docker's "conflicting options" error.</summary>
    public bool AttachNamed { get; private init; }

    /// <summary>--cidfile, or null: where the new container's id is written.</summary>
    public string? CidFile { get; private init; }

    /// <summary>--rm.</summary>
    public bool AutoRemove { get; private init; }

    /// <summary>--health-start-interval was given: it needs API 1.44, which docker checks before creating.</summary>
    public bool HealthStartInterval { get; private init; }

    /// <summary>The request body.</summary>
    public required JsonObject Body { get; init; }

    /// <summary>The request path with its query, as the CLI sends it.</summary>
    public string Path => "/containers/create" + (Name is { Length: > 0 } ? "?name=" + Uri.EscapeDataString(Name) : "");

    /// <summary>Every flag create and run take: name, shorthand, whether it takes a value (run adds -d, --detach).</summary>
    private static readonly (string Name, char? Short, bool TakesValue)[] Known =
    [
        ("interactive", 'i', false), ("tty", 't', false), ("rm", null, false), ("name", null, true), ("env", 'e', true),
        ("env-file", null, true), ("workdir", 'w', true), ("user", 'u', true), ("entrypoint", null, true), ("hostname", 'h', true),
        ("label", 'l', true), ("label-file", null, true), ("restart", null, true), ("init", null, false), ("stop-signal", null, true),
        ("stop-timeout", null, true), ("ulimit", null, true), ("cap-add", null, true), ("cap-drop", null, true),
        ("privileged", null, false), ("read-only", null, false), ("security-opt", null, true), ("memory", 'm', true),
        ("memory-swap", null, true), ("memory-reservation", null, true), ("cpus", null, true), ("cpu-shares", 'c', true),
        ("cpuset-cpus", null, true), ("pids-limit", null, true), ("blkio-weight", null, true), ("device", null, true),
        ("tmpfs", null, true), ("shm-size", null, true), ("sysctl", null, true), ("oom-kill-disable", null, false),
        ("oom-score-adj", null, true), ("group-add", null, true), ("health-cmd", null, true), ("health-interval", null, true),
        ("health-timeout", null, true), ("health-retries", null, true), ("health-start-period", null, true),
        ("health-start-interval", null, true), ("no-healthcheck", null, false), ("log-driver", null, true), ("log-opt", null, true), ("network", null, true),
        ("attach", 'a', true), ("cidfile", null, true),
        ("help", null, false),
    ];

    private static IEnumerable<(string Name, char? Short, bool TakesValue)> KnownFor(bool isRun) =>
        isRun ? Known.Concat([("detach", 'd', false), ("detach-keys", null, true), ("sig-proxy", null, false)]) : Known;

    /// <summary>The flag set of create (or run, with -d).</summary>
    public static FlagSet Flags(string command, bool isRun)
    {
        var flags = new FlagSet(command);
        foreach (var (name, shorthand, takesValue) in KnownFor(isRun))
        {
            if (takesValue) flags.Value(name, shorthand);
            else flags.Bool(name, shorthand);
        }
        return flags;
    }

    /// <summary>Parses args (everything after "create"/"run"); flags stop at the image. lookupEnv reads the CLI's
    /// environment for bare "-e KEY" and env-file lines.</summary>
    public static CreateOptions Parse(IReadOnlyList<string> args, string command, bool isRun, Func<string, string?> lookupEnv)
    {
        var flagSet = Flags(command, isRun);
        var known = KnownFor(isRun).ToList();
        var expanded = ShortFlagGroups.Expand(args,
            name => known.Any(f => f.Name == name && f.TakesValue),
            c => known.FirstOrDefault(f => f.Short == c) is { Name: not null } f ? f.TakesValue : null);
        var flags = flagSet.Parse(expanded, stopAtArgument: true);
        if (flags.Arguments.Count < 1) throw new ArgumentsError(command, "at least 1 argument");
        var values = new FlagValues(flags, command);

        var config = CreateBodyTemplate.Config();
        var host = CreateBodyTemplate.HostConfig();
        var stdin = flags.IsOn("interactive");
        var detach = flags.IsOn("detach");
        config["Hostname"] = flags.Get("hostname") ?? "";
        config["User"] = flags.Get("user") ?? "";
        config["Tty"] = flags.IsOn("tty");
        config["OpenStdin"] = stdin;
        var attach = flags.Values("attach").Select(a => values.Checked("attach", a, AttachStream)).ToHashSet();
        config["AttachStdin"] = (stdin || attach.Contains("stdin")) && !detach;
        config["StdinOnce"] = stdin && !detach;
        config["AttachStdout"] = (attach.Count == 0 || attach.Contains("stdout")) && !detach;
        config["AttachStderr"] = (attach.Count == 0 || attach.Contains("stderr")) && !detach;
        config["Env"] = Environment(flags, values, lookupEnv);
        config["Cmd"] = flags.Arguments.Count > 1 ? Strings(flags.Arguments.Skip(1)) : null;
        config["Image"] = flags.Arguments[0];
        config["WorkingDir"] = flags.Get("workdir") ?? "";
        config["Entrypoint"] = flags.Has("entrypoint") ? Strings([flags.Get("entrypoint")!]) : null;
        config["Labels"] = Labels(flags, values);
        if (Healthcheck(flags, values) is { } health) config["Healthcheck"] = health;
        if (flags.Get("stop-signal") is { Length: > 0 } signal) config["StopSignal"] = signal;
        if (flags.Has("stop-timeout")) config["StopTimeout"] = values.Int("stop-timeout", 64);

        var restart = flags.Get("restart") ?? "no";
        var restartPolicy = restart.Length == 0 ? new JsonObject { ["Name"] = "", ["MaximumRetryCount"] = 0 } : HostConfigValues.RestartPolicy(restart);
        if (flags.IsOn("rm") && restartPolicy["Name"]!.GetValue<string>() is not ("" or "no"))
            throw new CliError("conflicting options: cannot specify both --restart and --rm", 125);
        host["RestartPolicy"] = restartPolicy;
        host["AutoRemove"] = flags.IsOn("rm");
        host["ContainerIDFile"] = flags.Get("cidfile") ?? "";
        host["LogConfig"] = LogConfig(flags);
        host["NetworkMode"] = flags.Get("network") ?? "default";
        host["CapAdd"] = HostConfigValues.Capabilities(flags.Values("cap-add"));
        host["CapDrop"] = HostConfigValues.Capabilities(flags.Values("cap-drop"));
        host["GroupAdd"] = flags.Values("group-add").Count > 0 ? Strings(flags.Values("group-add")) : null;
        host["OomScoreAdj"] = values.Int("oom-score-adj", 64);
        host["Privileged"] = flags.IsOn("privileged");
        host["ReadonlyRootfs"] = flags.IsOn("read-only");
        var (securityOptions, unconfinedPaths) = HostConfigValues.SecurityOptions(flags.Values("security-opt"));
        host["SecurityOpt"] = securityOptions;
        if (unconfinedPaths) { host["MaskedPaths"] = new JsonArray(); host["ReadonlyPaths"] = new JsonArray(); }
        if (flags.Values("tmpfs").Count > 0) host["Tmpfs"] = KeyValues(flags.Values("tmpfs"), ':');
        host["ShmSize"] = values.Bytes("shm-size");
        if (flags.Values("sysctl").Count > 0) host["Sysctls"] = KeyValues(flags.Values("sysctl").Select(s => values.Checked("sysctl", s, HostConfigValues.Sysctl)));
        host["CpuShares"] = values.Int("cpu-shares", 64);
        host["Memory"] = values.Bytes("memory");
        host["NanoCpus"] = values.NanoCpus("cpus");
        host["BlkioWeight"] = values.BlkioWeight("blkio-weight");
        host["CpusetCpus"] = flags.Get("cpuset-cpus") ?? "";
        host["Devices"] = new JsonArray([.. flags.Values("device").Select(d => (JsonNode)HostConfigValues.Device(d))]);
        host["MemoryReservation"] = values.Bytes("memory-reservation");
        host["MemorySwap"] = values.SwapBytes("memory-swap");
        host["OomKillDisable"] = flags.IsOn("oom-kill-disable");
        host["PidsLimit"] = values.Int("pids-limit", 64);
        host["Ulimits"] = Ulimits(flags, values);
        if (flags.Has("init")) host["Init"] = flags.IsOn("init");

        config["HostConfig"] = host;
        var endpoints = new JsonObject();
        // Only an absent --network makes the CLI name the daemon's default network as an endpoint.
        if (!flags.Has("network")) endpoints["default"] = CreateBodyTemplate.DefaultEndpoint();
        config["NetworkingConfig"] = new JsonObject { ["EndpointsConfig"] = endpoints };
        return new CreateOptions { Name = flags.Get("name"), Image = flags.Arguments[0], Detach = detach, AutoRemove = flags.IsOn("rm"), Body = config,
            DetachKeys = flags.Get("detach-keys"), SigProxy = !flags.Has("sig-proxy") || flags.IsOn("sig-proxy"),
            HealthStartInterval = flags.Has("health-start-interval"), AttachNamed = attach.Count > 0,
            CidFile = flags.Get("cidfile") is { Length: > 0 } cidFile ? cidFile : null };
    }

    private static string AttachStream(string value) => value.ToLowerInvariant() is var stream && stream is "stdin" or "stdout" or "stderr"
        ? stream : throw new FormatException("valid streams are STDIN, STDOUT and STDERR");

    private static JsonArray? Environment(ParsedFlags flags, FlagValues values, Func<string, string?> lookupEnv)
    {
        var fromFiles = KeyValueFile.Read(flags.Values("env-file"), lookupEnv);
        // Repeated -e flags collapse by name: the first one's place, the last one's value; env-file lines stay as written.
        var fromFlags = new List<(string Key, string Entry)>();
        foreach (var raw in flags.Values("env"))
        {
            var entry = values.Checked("env", raw, ValidateEnv);
            var key = entry.Split('=', 2)[0];
            var at = fromFlags.FindIndex(e => e.Key == key);
            if (at >= 0) fromFlags[at] = (key, entry);
            else fromFlags.Add((key, entry));
        }
        var all = fromFiles.Concat(fromFlags.Select(e => e.Entry)).ToList();
        return all.Count == 0 ? null : Strings(all);

        string ValidateEnv(string value)
        {
            var eq = value.IndexOf('=');
            var key = eq >= 0 ? value[..eq] : value;
            if (key.Length == 0) throw new FormatException("invalid environment variable: " + value);
            if (eq >= 0) return value;
            return lookupEnv(key) is { } found ? key + "=" + found : value;
        }
    }

    private static JsonObject Labels(ParsedFlags flags, FlagValues values)
    {
        var entries = KeyValueFile.Read(flags.Values("label-file"), null);
        entries.AddRange(flags.Values("label").Select(l => values.Checked("label", l, label =>
            label.Split('=', 2)[0].Length == 0 ? throw new FormatException($"invalid label '{label}': empty name") : label)));
        return KeyValues(entries);
    }

    /// <summary>"key=value" entries (or "path:options" for tmpfs) as a map; a later key wins, a missing value is "".</summary>
    private static JsonObject KeyValues(IEnumerable<string> entries, char separator = '=')
    {
        var map = new JsonObject();
        foreach (var entry in entries)
        {
            var at = entry.IndexOf(separator);
            map[at >= 0 ? entry[..at] : entry] = at >= 0 ? entry[(at + 1)..] : "";
        }
        return map;
    }

    private static JsonObject LogConfig(ParsedFlags flags)
    {
        var driver = flags.Get("log-driver") ?? "";
        if (driver == "none" && flags.Values("log-opt").Count > 0) throw new CliError("invalid logging opts for driver none", 125);
        return new JsonObject { ["Type"] = driver, ["Config"] = KeyValues(flags.Values("log-opt")) };
    }

    private static JsonArray Ulimits(ParsedFlags flags, FlagValues values)
    {
        // A later --ulimit of the same name replaces the earlier one; docker sends them sorted by name.
        var byName = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var raw in flags.Values("ulimit"))
        {
            var ulimit = values.Checked("ulimit", raw, HostConfigValues.Ulimit);
            byName[ulimit["Name"]!.GetValue<string>()] = ulimit;
        }
        return new JsonArray([.. byName.Values]);
    }

    private static JsonObject? Healthcheck(ParsedFlags flags, FlagValues values)
    {
        var interval = values.Parsed("health-interval", GoValues.ParseDuration);
        var timeout = values.Parsed("health-timeout", GoValues.ParseDuration);
        var startPeriod = values.Parsed("health-start-period", GoValues.ParseDuration);
        var startInterval = values.Parsed("health-start-interval", GoValues.ParseDuration);
        var retries = values.Int("health-retries", 64);
        var command = flags.Get("health-cmd") ?? "";
        var anyHealth = command.Length > 0 || interval != 0 || timeout != 0 || startPeriod != 0 || retries != 0 || startInterval != 0;
        if (flags.IsOn("no-healthcheck"))
        {
            if (anyHealth) throw new CliError("--no-healthcheck conflicts with --health-* options", 125);
            return new JsonObject { ["Test"] = Strings(["NONE"]) };
        }
        if (!anyHealth) return null;
        if (interval < 0) throw new CliError("--health-interval cannot be negative", 125);
        if (timeout < 0) throw new CliError("--health-timeout cannot be negative", 125);
        if (retries < 0) throw new CliError("--health-retries cannot be negative", 125);
        if (startPeriod < 0) throw new CliError("--health-start-period cannot be negative", 125);
        if (startInterval < 0) throw new CliError("--health-start-interval cannot be negative", 125);
        var health = new JsonObject();
        if (command.Length > 0) health["Test"] = Strings(["CMD-SHELL", command]);
        if (interval != 0) health["Interval"] = interval;
        if (timeout != 0) health["Timeout"] = timeout;
        if (startPeriod != 0) health["StartPeriod"] = startPeriod;
        if (startInterval != 0) health["StartInterval"] = startInterval;
        if (retries != 0) health["Retries"] = retries;
        return health;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}

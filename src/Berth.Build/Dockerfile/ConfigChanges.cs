using System.Globalization;
using Berth.Oci.Image;

namespace Berth.Build.Dockerfile;

/// <summary>The Dockerfile instructions `import` and `commit` accept as changes (-c), applied to an image's
/// container config as Docker's builder applies them: the same forms, the same expansion, the same messages.</summary>
public static class ConfigChanges
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "cmd", "entrypoint", "env", "expose", "healthcheck", "label", "onbuild", "stopsignal", "user", "volume", "workdir",
    };

    private static readonly string[] Shell = ["/bin/sh", "-c"];

    /// <summary>config with every change applied in order; DockerfileException for a change Docker refuses.</summary>
    public static ContainerConfig Apply(ContainerConfig config, IReadOnlyList<string> changes)
    {
        var instructions = InstructionLines.Parse(string.Join('\n', changes));
        foreach (var instruction in instructions)
            if (!Allowed.Contains(instruction.Keyword)) throw new DockerfileException($"{instruction.Keyword} is not a valid change command");
        // ENTRYPOINT drops an inherited CMD unless a CMD came earlier in the same changes.
        var cmdSet = false;
        foreach (var instruction in instructions) config = Dispatch(config, instruction, ref cmdSet);
        return config;
    }

    private static ContainerConfig Dispatch(ContainerConfig config, Instruction instruction, ref bool cmdSet)
    {
        var args = instruction.Arguments;
        var env = config.Env;
        switch (instruction.Keyword)
        {
            case "cmd":
                cmdSet = true;
                return config with { Cmd = Command(args) };
            case "entrypoint":
                var entrypoint = JsonForm.TryParse(args) is { } exec ? (exec.Count == 0 ? null : exec) : [.. Shell, .. args.Length > 0 ? [args] : Array.Empty<string>()];
                return config with { Entrypoint = entrypoint, Cmd = cmdSet ? config.Cmd : null };
            case "env":
                var variables = new List<string>(config.Env ?? []);
                foreach (var (key, value) in NameValues("ENV", args, env))
                {
                    var index = variables.FindIndex(v => v.StartsWith(key + "=", StringComparison.Ordinal));
                    if (index >= 0) variables[index] = $"{key}={value}";
                    else variables.Add($"{key}={value}");
                }
                return config with { Env = variables };
            case "label":
                var labels = new Dictionary<string, string>(config.Labels ?? [], StringComparer.Ordinal);
                foreach (var (key, value) in NameValues("LABEL", args, env)) labels[key] = value;
                return config with { Labels = labels };
            case "expose":
                var words = ShellWords.Split(args);
                if (words.Count == 0) throw new DockerfileException("EXPOSE requires at least one argument");
                var ports = new Dictionary<string, EmptyObject?>(config.ExposedPorts ?? [], StringComparer.Ordinal);
                foreach (var word in words)
                    foreach (var port in ExposedPorts.Parse(ShellWords.Process(word, env))) ports[port] = new EmptyObject();
                return config with { ExposedPorts = ports };
            case "volume":
                var paths = JsonForm.TryParse(args) ?? ShellWords.Split(args);
                if (paths.Count == 0) throw new DockerfileException("VOLUME requires at least one argument");
                var volumes = new Dictionary<string, EmptyObject?>(config.Volumes ?? [], StringComparer.Ordinal);
                foreach (var path in paths)
                {
                    var volume = ShellWords.Process(path, env).Trim();
                    if (volume.Length == 0) throw new DockerfileException("VOLUME specified can not be an empty string");
                    volumes[volume] = new EmptyObject();
                }
                return config with { Volumes = volumes };
            case "user":
                return config with { User = Single("USER", args, env) };
            case "workdir":
                return config with { WorkingDir = Workdir(config.WorkingDir ?? "", Single("WORKDIR", args, env)) };
            case "stopsignal":
                return config with { StopSignal = Signals.Validate(Single("STOPSIGNAL", args, env)) };
            case "healthcheck":
                return config with { Healthcheck = HealthcheckInstruction.Parse(args) };
            case "onbuild":
                return config with { OnBuild = [.. config.OnBuild ?? [], OnBuildTrigger(instruction)] };
            default:
                throw new DockerfileException($"{instruction.Keyword} is not a valid change command");
        }
    }

    private static List<string> Command(string args)
        => JsonForm.TryParse(args) ?? [.. Shell, .. args.Length > 0 ? [args] : Array.Empty<string>()];

    private static string Single(string keyword, string args, IReadOnlyList<string>? env)
    {
        if (args.Length == 0) throw new DockerfileException($"{keyword} requires exactly one argument");
        return ShellWords.Process(args, env);
    }

    // A relative WORKDIR continues from the current one, as Go's filepath.Join("/", current, requested) does.
    private static string Workdir(string current, string requested)
    {
        if (requested.StartsWith('/')) return requested;
        var parts = new List<string>();
        foreach (var part in (current + "/" + requested).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".") continue;
            if (part == "..") { if (parts.Count > 0) parts.RemoveAt(parts.Count - 1); continue; }
            parts.Add(part);
        }
        return "/" + string.Join('/', parts);
    }

    // ENV and LABEL: "name=value ..." (quotes allowed), or the legacy "name value with spaces".
    private static List<(string Key, string Value)> NameValues(string keyword, string args, IReadOnlyList<string>? env)
    {
        var words = ShellWords.Split(args);
        if (words.Count == 0) throw new DockerfileException($"{keyword} requires at least one argument");
        if (!words[0].Contains('='))
        {
            var split = args.IndexOfAny([' ', '\t']);
            if (split < 0) throw new DockerfileException($"{keyword} must have two arguments");
            return [(ShellWords.Process(args[..split], env), ShellWords.Process(args[split..].TrimStart(), env))];
        }
        var pairs = new List<(string, string)>();
        foreach (var word in words)
        {
            var eq = word.IndexOf('=');
            if (eq < 0) throw new DockerfileException($"Syntax error - can't find = in \"{word}\". Must be of the form: name=value");
            if (eq == 0) throw new DockerfileException($"{keyword} names can not be blank");
            pairs.Add((ShellWords.Process(word[..eq], env), ShellWords.Process(word[(eq + 1)..], env)));
        }
        return pairs;
    }

    private static string OnBuildTrigger(Instruction instruction)
    {
        if (instruction.Arguments.Length == 0) throw new DockerfileException("ONBUILD requires at least one argument");
        var trigger = instruction.Arguments.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0].ToUpper(CultureInfo.InvariantCulture);
        if (trigger == "ONBUILD") throw new DockerfileException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        if (trigger is "MAINTAINER" or "FROM") throw new DockerfileException($"{trigger} isn't allowed as an ONBUILD trigger");
        return instruction.Arguments;
    }
}

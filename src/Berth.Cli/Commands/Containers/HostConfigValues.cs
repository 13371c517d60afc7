using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>The structured values of docker's create flags (ulimits, devices, restart policy, sysctls, capabilities,
/// security options), parsed with docker's rules and messages.</summary>
public static class HostConfigValues
{
    private static readonly HashSet<string> UlimitNames =
        ["core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack"];

    private static readonly HashSet<string> NamespacedSysctls =
        ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

    /// <summary>"name=soft[:hard]" as go-units ParseUlimit reads it.</summary>
    public static JsonObject Ulimit(string value)
    {
        var parts = value.Split('=', 2);
        if (parts.Length != 2) throw new FormatException($"invalid ulimit argument: {value}");
        if (!UlimitNames.Contains(parts[0])) throw new FormatException($"invalid ulimit type: {parts[0]}");
        var limits = parts[1].Split(':');
        if (limits.Length > 2) throw new FormatException($"too many limit value arguments - {parts[1]}, can only have up to two, `soft[:hard]`");
        var hard = limits.Length == 2 ? GoValues.ParseDecimal(limits[1]) : (long?)null;
        var soft = GoValues.ParseDecimal(limits[0]);
        hard ??= soft;
        if (hard != -1 && soft > hard) throw new FormatException($"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}");
        return new JsonObject { ["Name"] = parts[0], ["Hard"] = hard, ["Soft"] = soft };
    }

    /// <summary>"/dev/host[:/dev/container][:rwm]", checked as docker's ValidateDevice and mapped as parseLinuxDevice.</summary>
    public static JsonObject Device(string value)
    {
        if (value.Count(c => c == ':') > 2 || value.Split(':')[0].Length == 0) throw new CliError($"bad format for path: {value}", 125);
        var parts = value.Split(':');
        string source = parts[0], target = source, permissions = "rwm";
        if (parts.Length == 2)
        {
            if (IsDeviceMode(parts[1])) permissions = parts[1];
            else target = parts[1];
        }
        else if (parts.Length == 3)
        {
            if (!IsDeviceMode(parts[2])) throw new CliError($"bad mode specified: {parts[2]}", 125);
            target = parts[1];
            permissions = parts[2];
        }
        if (!target.StartsWith('/')) throw new CliError($"{target} is not an absolute path", 125);
        return new JsonObject { ["PathOnHost"] = source, ["PathInContainer"] = target, ["CgroupPermissions"] = permissions };
    }

    private static bool IsDeviceMode(string mode) =>
        mode.Length > 0 && mode.All(c => c is 'r' or 'w' or 'm') && mode.Distinct().Count() == mode.Length;

    /// <summary>"name[:count]" as docker's ParseRestartPolicy; the name itself is the daemon's to judge.</summary>
    public static JsonObject RestartPolicy(string value)
    {
        var colon = value.IndexOf(':');
        var name = colon >= 0 ? value[..colon] : value;
        var count = colon >= 0 ? value[(colon + 1)..] : "";
        if (colon == 0) throw new CliError("invalid restart policy format: no policy provided before colon", 125);
        var retries = 0;
        if (count.Length > 0 && !int.TryParse(count, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out retries))
            throw new CliError("invalid restart policy format: maximum retry count must be an integer", 125);
        return new JsonObject { ["Name"] = name, ["MaximumRetryCount"] = retries };
    }

    /// <summary>docker's ValidateSysctl: only namespaced kernel.* keys, net.* and fs.mqueue.*.</summary>
    public static string Sysctl(string value)
    {
        var parts = value.Split('=');
        if (parts.Length < 2 || !(NamespacedSysctls.Contains(parts[0]) || parts[0].StartsWith("net.", StringComparison.Ordinal) || parts[0].StartsWith("fs.mqueue.", StringComparison.Ordinal)))
            throw new FormatException($"sysctl '{value}' is not allowed");
        return value;
    }

    /// <summary>Capability names upper-cased with a CAP_ prefix (ALL and RESET kept), deduplicated and sorted, as docker sends them.</summary>
    public static JsonArray? Capabilities(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return null;
        var normalized = names.Select(n =>
        {
            var cap = n.Trim().ToUpperInvariant();
            return cap is "ALL" or "RESET" || cap.StartsWith("CAP_", StringComparison.Ordinal) ? cap : "CAP_" + cap;
        }).Distinct().Order(StringComparer.Ordinal);
        return new JsonArray([.. normalized.Select(c => (JsonNode)c)]);
    }

    /// <summary>docker's parseSecurityOpts: key=value or key:value, a seccomp profile file sent inline as compact JSON;
    /// "systempaths=unconfined" is taken out and reported so the caller can empty the masked paths.</summary>
    public static (JsonArray? Options, bool UnconfinedPaths) SecurityOptions(IReadOnlyList<string> options)
    {
        var result = new List<JsonNode>();
        var unconfined = false;
        foreach (var option in options)
        {
            if (option == "systempaths=unconfined") { unconfined = true; continue; }
            if (option == "no-new-privileges") { result.Add(option); continue; }
            // docker prefers '=' and still reads the deprecated ':' form.
            var parts = option.Split(option.Contains('=') ? '=' : ':', 2);
            if (parts.Length != 2) throw new CliError($"Invalid --security-opt: \"{option}\"", 125);
            if (parts[0] == "seccomp" && parts[1] is not ("unconfined" or "builtin"))
            {
                result.Add("seccomp=" + SeccompProfile(parts[1]));
                continue;
            }
            result.Add(option);
        }
        return (result.Count == 0 ? null : new JsonArray([.. result]), unconfined);
    }

    private static string SeccompProfile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file or directory" : "permission denied";
            throw new CliError($"opening seccomp profile ({path}) failed: open {path}: {reason}", 125);
        }
        try { return JsonNode.Parse(text)!.ToJsonString(CreateBodyTemplate.Json); }
        catch (System.Text.Json.JsonException e) { throw new CliError($"compacting json for seccomp profile ({path}) failed: {e.Message}", 125); }
    }
}

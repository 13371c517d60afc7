using System.Globalization;
using Berth.Oci.Image;

namespace Berth.Build.Dockerfile;

/// <summary>HEALTHCHECK [--interval=D] [--timeout=D] [--start-period=D] [--retries=N] CMD command | NONE.</summary>
public static class HealthcheckInstruction
{
    private const long MinimumDuration = 1_000_000;

    /// <summary>The health config the arguments describe, with Docker's messages for bad ones.</summary>
    public static HealthConfig Parse(string arguments)
    {
        if (arguments.Length == 0) throw new DockerfileException("HEALTHCHECK requires at least one argument");
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = arguments;
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = 0;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end])) end++;
            var flag = rest[2..end];
            rest = rest[end..].TrimStart();
            var eq = flag.IndexOf('=');
            var name = eq < 0 ? flag : flag[..eq];
            if (name is not ("interval" or "timeout" or "start-period" or "retries")) throw new DockerfileException($"Unknown flag: {name}");
            if (eq < 0) throw new DockerfileException($"Missing a value on flag: {name}");
            flags[name] = flag[(eq + 1)..];
        }
        var typeEnd = 0;
        while (typeEnd < rest.Length && !char.IsWhiteSpace(rest[typeEnd])) typeEnd++;
        var type = rest[..typeEnd].ToUpperInvariant();
        var command = rest[typeEnd..].Trim();
        if (type == "NONE")
        {
            if (command.Length > 0 || flags.Count > 0) throw new DockerfileException("HEALTHCHECK NONE takes no arguments");
            return new HealthConfig { Test = ["NONE"] };
        }
        if (type != "CMD") throw new DockerfileException($"Unknown type \"{type}\" in HEALTHCHECK (try CMD)");
        if (command.Length == 0) throw new DockerfileException("Missing command after HEALTHCHECK CMD");
        var test = JsonForm.TryParse(command) is { } exec ? ["CMD", .. exec] : new List<string> { "CMD-SHELL", command };
        return new HealthConfig
        {
            Test = test,
            Interval = Duration(flags, "interval", "Interval"),
            Timeout = Duration(flags, "timeout", "Timeout"),
            StartPeriod = Duration(flags, "start-period", "StartPeriod"),
            Retries = Retries(flags),
        };
    }

    private static long? Duration(Dictionary<string, string> flags, string flag, string field)
    {
        if (!flags.TryGetValue(flag, out var text) || text.Length == 0) return null;
        var nanoseconds = GoDuration.TryParse(text) ?? throw new DockerfileException($"time: invalid duration \"{text}\"");
        if (nanoseconds == 0) return null;
        if (nanoseconds < MinimumDuration) throw new DockerfileException($"{field} \"{flag}\" cannot be less than 1ms");
        return nanoseconds;
    }

    private static int? Retries(Dictionary<string, string> flags)
    {
        if (!flags.TryGetValue("retries", out var text) || text.Length == 0) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var retries))
            throw new DockerfileException($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
        if (retries < 1) throw new DockerfileException($"--retries must be at least 1 (not {retries})");
        return retries;
    }
}

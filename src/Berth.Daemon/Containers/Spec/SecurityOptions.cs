using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Spec;

/// <summary>The --security-opt values dockerd's parseSecurityOpt understands: "no-new-privileges[=bool]",
/// "seccomp=…", "apparmor=…", "label=…", "disable"; ':' is the deprecated separator.</summary>
internal sealed record SecurityOptions(bool NoNewPrivileges, string? Seccomp, string? AppArmor)
{
    /// <summary>Parses the list; an unknown key or a bad boolean gives dockerd's "invalid --security-opt" errors.</summary>
    public static SecurityOptions Parse(IEnumerable<string>? options)
    {
        var result = new SecurityOptions(false, null, null);
        foreach (var opt in options ?? [])
        {
            if (opt == "no-new-privileges")
            {
                result = result with { NoNewPrivileges = true };
                continue;
            }
            if (opt == "disable") continue;
            var sep = opt.Contains('=') ? '=' : opt.Contains(':') ? ':' : '\0';
            var parts = sep == '\0' ? [opt] : opt.Split(sep, 2);
            if (parts.Length != 2) throw new BadRequestError($"invalid --security-opt 1: \"{opt}\"");
            result = parts[0] switch
            {
                "label" => result,
                "apparmor" => result with { AppArmor = parts[1] },
                "seccomp" => result with { Seccomp = parts[1] },
                "no-new-privileges" => result with { NoNewPrivileges = ParseBool(parts[1]) ?? throw new BadRequestError($"invalid --security-opt 2: \"{opt}\"") },
                _ => throw new BadRequestError($"invalid --security-opt 2: \"{opt}\""),
            };
        }
        return result;
    }

    /// <summary>Go's strconv.ParseBool.</summary>
    private static bool? ParseBool(string s) => s switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => null,
    };
}

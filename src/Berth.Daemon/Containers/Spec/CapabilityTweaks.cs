using Berth.Daemon.Errors;

namespace Berth.Daemon.Containers.Spec;

/// <summary>Docker's capability arithmetic: the default set, --cap-add/--cap-drop (with or without "CAP_", any case,
/// "ALL"), and --privileged.</summary>
internal static class CapabilityTweaks
{
    /// <summary>Every capability by number, CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40).</summary>
    private static readonly string[] Known =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    private const string All = "ALL";

    /// <summary>The capabilities this kernel has (up to /proc/sys/kernel/cap_last_cap), as dockerd lists them.</summary>
    public static IReadOnlyList<string> HostCapabilities { get; } = Known[..(LastCap() + 1)];

    /// <summary>Checks both lists as dockerd does at create ("invalid CapAdd: unknown capability: \"CAP_FOO\"").</summary>
    public static void Validate(IEnumerable<string>? add, IEnumerable<string>? drop)
    {
        Normalize(add, "CapAdd");
        Normalize(drop, "CapDrop");
    }

    /// <summary>The resulting capability list.</summary>
    public static List<string> Apply(IEnumerable<string>? add, IEnumerable<string>? drop, bool privileged)
    {
        if (privileged) return [.. HostCapabilities];
        var adds = Normalize(add, "CapAdd");
        var drops = Normalize(drop, "CapDrop");
        if (adds.Count == 0 && drops.Count == 0) return [.. SpecDefaults.Capabilities];
        if (adds.Contains(All)) return HostCapabilities.Where(c => !drops.Contains(c)).ToList();
        if (drops.Contains(All)) return adds;
        // Like dockerd, an added capability that is already in the set is listed twice.
        return SpecDefaults.Capabilities.Where(c => !drops.Contains(c)).Concat(adds).ToList();
    }

    private static List<string> Normalize(IEnumerable<string>? caps, string field)
    {
        var result = new List<string>();
        foreach (var raw in caps ?? [])
        {
            var c = raw.ToUpperInvariant();
            if (c != All)
            {
                if (!c.StartsWith("CAP_", StringComparison.Ordinal)) c = "CAP_" + c;
                if (Array.IndexOf(Known, c) < 0) throw new BadRequestError($"invalid {field}: unknown capability: \"{c}\"");
            }
            result.Add(c);
        }
        return result;
    }

    private static int LastCap()
    {
        try
        {
            return Math.Min(int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim(), System.Globalization.CultureInfo.InvariantCulture), Known.Length - 1);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return Known.Length - 1;
        }
    }
}

using Berth.Runtime.Interop;
using static Berth.Runtime.Interop.Libc.PrivilegeCalls;

namespace Berth.Runtime.Privileges;

/// <summary>Linux capability names and numbers (linux/capability.h), and the highest one the running kernel knows.</summary>
public static class Capability
{
    /// <summary>The highest capability number Berth has a name for (CAP_CHECKPOINT_RESTORE).</summary>
    public const int Last = 40;

    private const string Prefix = "CAP_";

    // Index = capability number.
    private static readonly string[] Names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE",
        "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
        "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
        "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
        "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG",
        "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
        "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>The canonical name (CAP_CHOWN) of a capability number; "CAP_41"-style for numbers newer than Berth.</summary>
    public static string Name(int number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, 63);
        return number <= Last ? Names[number] : $"CAP_{number}";
    }

    /// <summary>Finds a capability by name, case-insensitively, with or without the CAP_ prefix (as runc and docker accept).</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out int number)
    {
        var bare = name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? name[Prefix.Length..] : name;
        for (var i = 0; i < Names.Length; i++)
        {
            if (bare.Equals(Names[i].AsSpan(Prefix.Length), StringComparison.OrdinalIgnoreCase))
            {
                number = i;
                return true;
            }
        }
        number = -1;
        return false;
    }

    /// <summary>Finds a capability by name; an unknown name is a RuntimeException naming it.</summary>
    public static int Parse(string name)
        => TryParse(name, out var number) ? number : throw new RuntimeException($"unknown capability \"{name}\"");

    /// <summary>The highest capability number the running kernel supports (/proc/sys/kernel/cap_last_cap, else probed).</summary>
    public static int ReadKernelLast()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/kernel/cap_last_cap").AsSpan().Trim();
            if (int.TryParse(text, out var last) && last is >= 0 and <= 63)
                return last;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return ProbeKernelLast();
    }

    // Without /proc (early in a container's set-up) the kernel still answers PR_CAPBSET_READ, with EINVAL
    // for numbers it does not know.
    private static int ProbeKernelLast()
    {
        var last = -1;
        while (last < 63 && Libc.prctl(PR_CAPBSET_READ, (ulong)(last + 1), 0, 0, 0) >= 0)
            last++;
        if (last < 0)
            throw Libc.Error("reading the capability bounding set");
        return last;
    }
}

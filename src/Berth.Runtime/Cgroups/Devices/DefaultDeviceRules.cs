using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Cgroups.Devices;

/// <summary>
/// The device rules runc appends after the spec's own so every container can use the standard nodes
/// (null, zero, full, random, urandom, tty, ptmx, pts, tun) and mknod anything; the runtime adds these.
/// </summary>
internal static class DefaultDeviceRules
{
    /// <summary>A fresh list of the rules, in runc's order.</summary>
    public static List<LinuxDeviceCgroup> Create() =>
    [
        Rule('c', null, null, "m"),
        Rule('b', null, null, "m"),
        Rule('c', 1, 3, "rwm"),    // /dev/null
        Rule('c', 1, 8, "rwm"),    // /dev/random
        Rule('c', 1, 7, "rwm"),    // /dev/full
        Rule('c', 5, 0, "rwm"),    // /dev/tty
        Rule('c', 1, 5, "rwm"),    // /dev/zero
        Rule('c', 1, 9, "rwm"),    // /dev/urandom
        Rule('c', 136, null, "rwm"), // /dev/pts/*
        Rule('c', 5, 2, "rwm"),    // /dev/ptmx
        Rule('c', 10, 200, "rwm"), // /dev/net/tun
    ];

    private static LinuxDeviceCgroup Rule(char type, long? major, long? minor, string access)
        => new() { Allow = true, Type = type.ToString(), Major = major, Minor = minor, Access = access };
}

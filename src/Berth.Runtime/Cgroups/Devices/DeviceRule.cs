using System.Globalization;
using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Cgroups.Devices;

/// <summary>One validated device-cgroup rule; Major or Minor -1 is the "*" wildcard.</summary>
internal readonly record struct DeviceRule(bool Allow, DeviceType Type, long Major, long Minor, DeviceAccess Access)
{
    /// <summary>The wildcard value of Major and Minor.</summary>
    public const long Wildcard = -1;

    /// <summary>Validates a spec rule: type a, c, b or absent (all); major/minor absent for "*"; access from r, w, m.</summary>
    public static DeviceRule FromSpec(LinuxDeviceCgroup rule)
    {
        var type = rule.Type switch
        {
            null or "" or "a" => DeviceType.All,
            "c" => DeviceType.Char,
            "b" => DeviceType.Block,
            _ => throw new RuntimeException($"invalid device rule type \"{rule.Type}\": use a, c or b"),
        };
        long major = rule.Major ?? Wildcard, minor = rule.Minor ?? Wildcard;
        if (major < Wildcard || minor < Wildcard || major > int.MaxValue || minor > int.MaxValue)
            throw new RuntimeException($"invalid device number {rule.Major}:{rule.Minor} in a device rule");
        return new DeviceRule(rule.Allow, type, major, minor, DeviceAccessText.Parse(rule.Access));
    }

    /// <summary>Whether the rule resets the whole list (type "a"), as the kernel treats any "a" line.</summary>
    public bool IsBlanket => Type == DeviceType.All;

    /// <summary>The line devices.allow and devices.deny take, and devices.list prints: "c 1:3 rwm", "a *:* rwm".</summary>
    public string ToV1Line()
        => $"{TypeLetter(Type)} {Number(Major)}:{Number(Minor)} {DeviceAccessText.Format(Access)}";

    /// <summary>Whether the rule's type and numbers cover the device (its own access is not considered).</summary>
    public bool Covers(DeviceType type, long major, long minor)
        => (Type == DeviceType.All || Type == type)
           && (Major == Wildcard || Major == major)
           && (Minor == Wildcard || Minor == minor);

    private static char TypeLetter(DeviceType type) => type switch
    {
        DeviceType.Char => 'c',
        DeviceType.Block => 'b',
        _ => 'a',
    };

    private static string Number(long value) => value == Wildcard ? "*" : value.ToString(CultureInfo.InvariantCulture);
}

namespace Berth.Runtime.Cgroups.Devices;

/// <summary>Device access kinds, with the bit values both the v1 kernel and BPF_DEVCG_ACC_* use.</summary>
[Flags]
internal enum DeviceAccess : byte
{
    None = 0,
    Mknod = 1,
    Read = 2,
    Write = 4,
    All = Mknod | Read | Write,
}

/// <summary>Conversions between DeviceAccess and its "rwm" text.</summary>
internal static class DeviceAccessText
{
    /// <summary>Parses "rwm" letters in any order; null or empty means all three, as Docker and runc use it.</summary>
    public static DeviceAccess Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return DeviceAccess.All;
        var access = DeviceAccess.None;
        foreach (char letter in text)
        {
            access |= letter switch
            {
                'r' => DeviceAccess.Read,
                'w' => DeviceAccess.Write,
                'm' => DeviceAccess.Mknod,
                _ => throw new RuntimeException($"invalid device access \"{text}\": only the letters r, w and m are allowed"),
            };
        }
        return access;
    }

    /// <summary>The text the kernel prints: the letters present in "rwm" order.</summary>
    public static string Format(DeviceAccess access)
        => string.Concat(
            access.HasFlag(DeviceAccess.Read) ? "r" : "",
            access.HasFlag(DeviceAccess.Write) ? "w" : "",
            access.HasFlag(DeviceAccess.Mknod) ? "m" : "");
}

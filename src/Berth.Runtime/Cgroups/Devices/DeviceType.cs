namespace Berth.Runtime.Cgroups.Devices;

/// <summary>The device class a rule applies to.</summary>
internal enum DeviceType
{
    /// <summary>"a": every device; a rule of this type resets the whole list, as in the v1 kernel.</summary>
    All,

    /// <summary>"c": character devices.</summary>
    Char,

    /// <summary>"b": block devices.</summary>
    Block,
}

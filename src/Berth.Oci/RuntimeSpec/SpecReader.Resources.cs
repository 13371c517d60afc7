using System.Text.Json;

namespace Berth.Oci.RuntimeSpec;

// linux.resources and its controllers; also the whole document of `update --resources`.
public static partial class SpecReader
{
    private static LinuxResources ReadResources(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxResources();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "devices"u8, "devices")) o.Devices = ReadList<LinuxDeviceCgroup>(ref r, p, ReadDeviceCgroup);
            else if (Is(ref r, p, "memory"u8, "memory")) o.Memory = ReadMemory(ref r, p);
            else if (Is(ref r, p, "cpu"u8, "cpu")) o.Cpu = ReadCpu(ref r, p);
            else if (Is(ref r, p, "pids"u8, "pids")) o.Pids = ReadPids(ref r, p);
            else if (Is(ref r, p, "blockIO"u8, "blockIO")) o.BlockIo = ReadBlockIo(ref r, p);
            else if (Is(ref r, p, "hugepageLimits"u8, "hugepageLimits")) o.HugepageLimits = ReadList<LinuxHugepageLimit>(ref r, p, ReadHugepageLimit);
            else if (Is(ref r, p, "network"u8, "network")) o.Network = ReadNetwork(ref r, p);
            else if (Is(ref r, p, "unified"u8, "unified")) o.Unified = StrMap(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxDeviceCgroup ReadDeviceCgroup(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxDeviceCgroup();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "allow"u8, "allow")) o.Allow = Bool(ref r, p);
            else if (Is(ref r, p, "type"u8, "type")) o.Type = Str(ref r, p);
            else if (Is(ref r, p, "major"u8, "major")) o.Major = I64N(ref r, p);
            else if (Is(ref r, p, "minor"u8, "minor")) o.Minor = I64N(ref r, p);
            else if (Is(ref r, p, "access"u8, "access")) o.Access = Str(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxMemory ReadMemory(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxMemory();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "limit"u8, "limit")) o.Limit = I64N(ref r, p);
            else if (Is(ref r, p, "reservation"u8, "reservation")) o.Reservation = I64N(ref r, p);
            else if (Is(ref r, p, "swap"u8, "swap")) o.Swap = I64N(ref r, p);
            else if (Is(ref r, p, "kernel"u8, "kernel")) o.Kernel = I64N(ref r, p);
            else if (Is(ref r, p, "kernelTCP"u8, "kernelTCP")) o.KernelTcp = I64N(ref r, p);
            else if (Is(ref r, p, "swappiness"u8, "swappiness")) o.Swappiness = U64N(ref r, p);
            else if (Is(ref r, p, "disableOOMKiller"u8, "disableOOMKiller")) o.DisableOomKiller = BoolN(ref r, p);
            else if (Is(ref r, p, "useHierarchy"u8, "useHierarchy")) o.UseHierarchy = BoolN(ref r, p);
            else if (Is(ref r, p, "checkBeforeUpdate"u8, "checkBeforeUpdate")) o.CheckBeforeUpdate = BoolN(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxCpu ReadCpu(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxCpu();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "shares"u8, "shares")) o.Shares = U64N(ref r, p);
            else if (Is(ref r, p, "quota"u8, "quota")) o.Quota = I64N(ref r, p);
            else if (Is(ref r, p, "burst"u8, "burst")) o.Burst = U64N(ref r, p);
            else if (Is(ref r, p, "period"u8, "period")) o.Period = U64N(ref r, p);
            else if (Is(ref r, p, "realtimeRuntime"u8, "realtimeRuntime")) o.RealtimeRuntime = I64N(ref r, p);
            else if (Is(ref r, p, "realtimePeriod"u8, "realtimePeriod")) o.RealtimePeriod = U64N(ref r, p);
            else if (Is(ref r, p, "cpus"u8, "cpus")) o.Cpus = Str(ref r, p);
            else if (Is(ref r, p, "mems"u8, "mems")) o.Mems = Str(ref r, p);
            else if (Is(ref r, p, "idle"u8, "idle")) o.Idle = I64N(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxPids ReadPids(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxPids();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "limit"u8, "limit")) o.Limit = I64(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxBlockIo ReadBlockIo(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxBlockIo();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "weight"u8, "weight")) o.Weight = U16N(ref r, p);
            else if (Is(ref r, p, "leafWeight"u8, "leafWeight")) o.LeafWeight = U16N(ref r, p);
            else if (Is(ref r, p, "weightDevice"u8, "weightDevice")) o.WeightDevice = ReadList<LinuxWeightDevice>(ref r, p, ReadWeightDevice);
            else if (Is(ref r, p, "throttleReadBpsDevice"u8, "throttleReadBpsDevice")) o.ThrottleReadBpsDevice = ReadList<LinuxThrottleDevice>(ref r, p, ReadThrottleDevice);
            else if (Is(ref r, p, "throttleWriteBpsDevice"u8, "throttleWriteBpsDevice")) o.ThrottleWriteBpsDevice = ReadList<LinuxThrottleDevice>(ref r, p, ReadThrottleDevice);
            else if (Is(ref r, p, "throttleReadIOPSDevice"u8, "throttleReadIOPSDevice")) o.ThrottleReadIopsDevice = ReadList<LinuxThrottleDevice>(ref r, p, ReadThrottleDevice);
            else if (Is(ref r, p, "throttleWriteIOPSDevice"u8, "throttleWriteIOPSDevice")) o.ThrottleWriteIopsDevice = ReadList<LinuxThrottleDevice>(ref r, p, ReadThrottleDevice);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxWeightDevice ReadWeightDevice(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxWeightDevice();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "major"u8, "major")) o.Major = I64(ref r, p);
            else if (Is(ref r, p, "minor"u8, "minor")) o.Minor = I64(ref r, p);
            else if (Is(ref r, p, "weight"u8, "weight")) o.Weight = U16N(ref r, p);
            else if (Is(ref r, p, "leafWeight"u8, "leafWeight")) o.LeafWeight = U16N(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxThrottleDevice ReadThrottleDevice(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxThrottleDevice();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "major"u8, "major")) o.Major = I64(ref r, p);
            else if (Is(ref r, p, "minor"u8, "minor")) o.Minor = I64(ref r, p);
            else if (Is(ref r, p, "rate"u8, "rate")) o.Rate = U64(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxHugepageLimit ReadHugepageLimit(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxHugepageLimit();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "pageSize"u8, "pageSize")) o.PageSize = Str(ref r, p);
            else if (Is(ref r, p, "limit"u8, "limit")) o.Limit = U64(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxNetwork ReadNetwork(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxNetwork();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "classID"u8, "classID")) o.ClassId = U32N(ref r, p);
            else if (Is(ref r, p, "priorities"u8, "priorities")) o.Priorities = ReadList<LinuxInterfacePriority>(ref r, p, ReadInterfacePriority);
            else Skip(ref r, p);
        }
        return o;
    }

    private static LinuxInterfacePriority ReadInterfacePriority(ref Utf8JsonReader r, JsonPathTracker p)
    {
        if (!BeginObject(ref r, p)) return null!;
        var o = new LinuxInterfacePriority();
        while (NextProperty(ref r, p))
        {
            if (Is(ref r, p, "name"u8, "name")) o.Name = Str(ref r, p);
            else if (Is(ref r, p, "priority"u8, "priority")) o.Priority = U32(ref r, p);
            else Skip(ref r, p);
        }
        return o;
    }
}

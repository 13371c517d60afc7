using System.Globalization;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V2;

/// <summary>
/// The v2 io controller: weights go to io.bfq.weight as they are when BFQ is in use, else to io.weight converted
/// from the blkio range; throttles go to io.max as rbps/wbps/riops/wiops (a rate of 0 removes the limit).
/// Statistics map io.stat onto v1's tables as runc does.
/// </summary>
internal sealed class Io : IResourceController
{
    public string Name => "io";

    public bool IsRequested(LinuxResources resources) => resources.BlockIo is { } b
        && (b.Weight is ushort and not 0 || b.LeafWeight is ushort and not 0 || b.WeightDevice is { Count: > 0 }
            || b.ThrottleReadBpsDevice is { Count: > 0 } || b.ThrottleWriteBpsDevice is { Count: > 0 }
            || b.ThrottleReadIopsDevice is { Count: > 0 } || b.ThrottleWriteIopsDevice is { Count: > 0 });

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        var io = resources.BlockIo!;
        if (io.LeafWeight is ushort and not 0 || io.WeightDevice?.Any(d => d.LeafWeight is not null) == true)
            throw new RuntimeException("block I/O leaf weights are not supported on cgroup v2");
        var weights = new List<ushort>();
        if (io.Weight is ushort weight and not 0) weights.Add(weight);
        weights.AddRange(io.WeightDevice?.Select(d => d.Weight).OfType<ushort>().Where(w => w != 0) ?? []);
        foreach (var w in weights)
        {
            if (w is < ResourceConversions.MinBlkioWeight or > ResourceConversions.MaxBlkioWeight)
                throw new RuntimeException($"invalid blkio weight {w}: the range is {ResourceConversions.MinBlkioWeight}-{ResourceConversions.MaxBlkioWeight}");
        }
        if ((weights.Count > 0 || io.WeightDevice is { Count: > 0 }) && !directory.Has("io.bfq.weight") && !directory.Has("io.weight"))
            throw new RuntimeException("a block I/O weight was requested but neither io.bfq.weight nor io.weight exists (no I/O scheduler with weights)");
        bool throttles = new[] { io.ThrottleReadBpsDevice, io.ThrottleWriteBpsDevice, io.ThrottleReadIopsDevice, io.ThrottleWriteIopsDevice }
            .Any(list => list is { Count: > 0 });
        if (throttles && !directory.Has("io.max"))
            throw new RuntimeException("a block I/O throttle was requested but this kernel has no io.max");
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var io = resources.BlockIo!;
        bool bfq = directory.Has("io.bfq.weight");
        if (io.Weight is ushort weight and not 0)
        {
            if (bfq)
                directory.Write("io.bfq.weight", weight);
            else
                directory.Write("io.weight", string.Create(CultureInfo.InvariantCulture, $"default {ResourceConversions.BlkioWeightToIoWeight(weight)}"));
        }
        foreach (var device in io.WeightDevice ?? [])
        {
            if (device.Weight is not ushort w) continue;
            ulong value = bfq ? w : ResourceConversions.BlkioWeightToIoWeight(w);
            string text = w == 0 ? "default" : value.ToString(CultureInfo.InvariantCulture);
            directory.Write(bfq ? "io.bfq.weight" : "io.weight", $"{device.Major}:{device.Minor} {text}");
        }
        foreach (var (key, devices) in Throttles(io))
        {
            foreach (var device in devices ?? [])
            {
                string rate = device.Rate == 0 ? "max" : device.Rate.ToString(CultureInfo.InvariantCulture);
                directory.Write("io.max", $"{device.Major}:{device.Minor} {key}={rate}");
            }
        }
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        if (directory.ReadIfExists("io.stat") is not string text) return;
        var bytes = new List<BlkioEntry>();
        var operations = new List<BlkioEntry>();
        string source = directory.FilePath("io.stat");
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var numbers = fields[0].Split(':');
            if (numbers.Length != 2) continue;
            ulong major = CgroupValues.ParseUInt64(numbers[0], source), minor = CgroupValues.ParseUInt64(numbers[1], source);
            foreach (var field in fields.Skip(1))
            {
                int equals = field.IndexOf('=');
                if (equals < 0) continue;
                var (table, op) = field[..equals] switch
                {
                    "rbytes" => (bytes, "Read"),
                    "wbytes" => (bytes, "Write"),
                    "rios" => (operations, "Read"),
                    "wios" => (operations, "Write"),
                    _ => (null, null),
                };
                table?.Add(new BlkioEntry { Major = major, Minor = minor, Op = op, Value = CgroupValues.ParseUInt64(field[(equals + 1)..], source) });
            }
        }
        stats.Blkio.IoServiceBytesRecursive = CgroupStats.NullIfEmpty(bytes);
        stats.Blkio.IoServicedRecursive = CgroupStats.NullIfEmpty(operations);
    }

    private static (string Key, List<LinuxThrottleDevice>? Devices)[] Throttles(LinuxBlockIo io) =>
    [
        ("rbps", io.ThrottleReadBpsDevice),
        ("wbps", io.ThrottleWriteBpsDevice),
        ("riops", io.ThrottleReadIopsDevice),
        ("wiops", io.ThrottleWriteIopsDevice),
    ];
}

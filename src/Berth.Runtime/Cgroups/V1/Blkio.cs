using System.Globalization;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>
/// The v1 blkio controller: weights (CFQ's blkio.weight, or BFQ's blkio.bfq.weight where CFQ is gone), per-device
/// weights, throttles; statistics from whichever family of files the kernel offers.
/// </summary>
internal sealed class Blkio : IResourceController
{
    public string Name => "blkio";

    public bool IsRequested(LinuxResources resources) => resources.BlockIo is { } b
        && (b.Weight is not null || b.LeafWeight is not null || b.WeightDevice is { Count: > 0 }
            || b.ThrottleReadBpsDevice is { Count: > 0 } || b.ThrottleWriteBpsDevice is { Count: > 0 }
            || b.ThrottleReadIopsDevice is { Count: > 0 } || b.ThrottleWriteIopsDevice is { Count: > 0 });

    public void Validate(CgroupDirectory directory, LinuxResources resources)
    {
        var io = resources.BlockIo!;
        if (io.Weight is ushort weight and not 0)
        {
            CheckWeight("blkio weight", weight);
            WeightFile(directory, "weight");
        }
        if (io.LeafWeight is ushort leaf and not 0)
        {
            CheckWeight("blkio leaf weight", leaf);
            Require(directory, "blkio.leaf_weight", "a leaf weight");
        }
        foreach (var device in io.WeightDevice ?? [])
        {
            // A per-device weight of 0 removes the device's own weight, so 0 is allowed here.
            if (device.Weight is ushort w)
            {
                if (w != 0) CheckWeight($"blkio weight of device {device.Major}:{device.Minor}", w);
                WeightFile(directory, "weight_device");
            }
            if (device.LeafWeight is ushort l)
            {
                if (l != 0) CheckWeight($"blkio leaf weight of device {device.Major}:{device.Minor}", l);
                Require(directory, "blkio.leaf_weight_device", "a per-device leaf weight");
            }
        }
        foreach (var (file, devices) in Throttles(io))
        {
            if (devices is { Count: > 0 })
                Require(directory, file, "a block I/O throttle");
        }
    }

    public void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var io = resources.BlockIo!;
        if (io.Weight is ushort weight and not 0)
            directory.Write(WeightFile(directory, "weight"), weight);
        if (io.LeafWeight is ushort leaf and not 0)
            directory.Write("blkio.leaf_weight", leaf);
        foreach (var device in io.WeightDevice ?? [])
        {
            if (device.Weight is ushort w)
                directory.Write(WeightFile(directory, "weight_device"), DeviceLine(device.Major, device.Minor, w));
            if (device.LeafWeight is ushort l)
                directory.Write("blkio.leaf_weight_device", DeviceLine(device.Major, device.Minor, l));
        }
        foreach (var (file, devices) in Throttles(io))
        {
            foreach (var device in devices ?? [])
                directory.Write(file, DeviceLine(device.Major, device.Minor, device.Rate));
        }
    }

    /// <summary>The CFQ and BFQ statistics files, the first one deciding whether the family is present.</summary>
    private static readonly string[] AllFiles =
    [
        "io_service_bytes_recursive", "io_serviced_recursive", "io_queued_recursive", "io_service_time_recursive",
        "io_wait_time_recursive", "io_merged_recursive", "time_recursive", "sectors_recursive",
    ];

    /// <summary>
    /// Statistics families in the order runc tries them: the BFQ debug set, BFQ, CFQ, the recursive throttle
    /// counters, the plain throttle counters. The first family whose first file has entries wins.
    /// </summary>
    private static readonly (string Prefix, string[] Files)[] StatFamilies =
    [
        ("blkio.bfq.", [.. AllFiles]),
        ("blkio.bfq.", ["io_service_bytes_recursive", "io_serviced_recursive"]),
        ("blkio.", [.. AllFiles]),
        ("blkio.throttle.", ["io_service_bytes_recursive", "io_serviced_recursive"]),
        ("blkio.throttle.", ["io_service_bytes", "io_serviced"]),
    ];

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        foreach (var (prefix, files) in StatFamilies)
        {
            var first = ReadEntries(directory, prefix + files[0]);
            if (first is null or { Count: 0 }) continue;
            var blkio = stats.Blkio;
            foreach (var file in files)
            {
                var entries = CgroupStats.NullIfEmpty(file == files[0] ? first : ReadEntries(directory, prefix + file) ?? []);
                switch (file)
                {
                    case "io_service_bytes_recursive" or "io_service_bytes": blkio.IoServiceBytesRecursive = entries; break;
                    case "io_serviced_recursive" or "io_serviced": blkio.IoServicedRecursive = entries; break;
                    case "io_queued_recursive": blkio.IoQueuedRecursive = entries; break;
                    case "io_service_time_recursive": blkio.IoServiceTimeRecursive = entries; break;
                    case "io_wait_time_recursive": blkio.IoWaitTimeRecursive = entries; break;
                    case "io_merged_recursive": blkio.IoMergedRecursive = entries; break;
                    case "time_recursive": blkio.IoTimeRecursive = entries; break;
                    case "sectors_recursive": blkio.SectorsRecursive = entries; break;
                }
            }
            return;
        }
    }

    /// <summary>Parses "8:0 Read 4096" (or "8:0 4096" for files without operations); the "Total N" line is skipped.</summary>
    public static List<BlkioEntry>? ReadEntries(CgroupDirectory directory, string file)
    {
        if (directory.ReadIfExists(file) is not string text) return null;
        var entries = new List<BlkioEntry>();
        string source = directory.FilePath(file);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && fields[0] == "Total") continue;
            if (fields.Length is not (2 or 3))
                throw new RuntimeException($"malformed line \"{line}\" in {source}");
            var numbers = fields[0].Split(':');
            if (numbers.Length != 2)
                throw new RuntimeException($"malformed device \"{fields[0]}\" in {source}");
            entries.Add(new BlkioEntry
            {
                Major = CgroupValues.ParseUInt64(numbers[0], source),
                Minor = CgroupValues.ParseUInt64(numbers[1], source),
                Op = fields.Length == 3 ? fields[1] : null,
                Value = CgroupValues.ParseUInt64(fields[^1], source),
            });
        }
        return entries;
    }

    private static (string File, List<LinuxThrottleDevice>? Devices)[] Throttles(LinuxBlockIo io) =>
    [
        ("blkio.throttle.read_bps_device", io.ThrottleReadBpsDevice),
        ("blkio.throttle.write_bps_device", io.ThrottleWriteBpsDevice),
        ("blkio.throttle.read_iops_device", io.ThrottleReadIopsDevice),
        ("blkio.throttle.write_iops_device", io.ThrottleWriteIopsDevice),
    ];

    /// <summary>blkio.&lt;name&gt; under CFQ, blkio.bfq.&lt;name&gt; under BFQ; an error if neither exists.</summary>
    private static string WeightFile(CgroupDirectory directory, string name)
    {
        if (directory.Has("blkio." + name)) return "blkio." + name;
        if (directory.Has("blkio.bfq." + name)) return "blkio.bfq." + name;
        throw new RuntimeException($"a block I/O weight was requested but neither blkio.{name} nor blkio.bfq.{name} exists (no CFQ or BFQ scheduler)");
    }

    private static void Require(CgroupDirectory directory, string file, string what)
    {
        if (!directory.Has(file))
            throw new RuntimeException($"{what} was requested but this kernel has no {file}");
    }

    private static void CheckWeight(string what, ushort weight)
    {
        if (weight is < ResourceConversions.MinBlkioWeight or > ResourceConversions.MaxBlkioWeight)
            throw new RuntimeException($"invalid {what} {weight}: the range is {ResourceConversions.MinBlkioWeight}-{ResourceConversions.MaxBlkioWeight}");
    }

    private static string DeviceLine(long major, long minor, ulong value)
        => string.Create(CultureInfo.InvariantCulture, $"{major}:{minor} {value}");
}

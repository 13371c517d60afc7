using System.Text.Json;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`update [--resources FILE|-] [limit flags] ID`, as `docker update` drives it.</summary>
internal static class UpdateCommand
{
    private static readonly FlagSet Flags = new FlagSet()
        .Value("resources", "r").Value("blkio-weight").Value("cpu-period").Value("cpu-quota").Value("cpu-burst")
        .Value("cpu-share").Value("cpu-rt-period").Value("cpu-rt-runtime").Value("cpuset-cpus").Value("cpuset-mems")
        .Value("kernel-memory").Value("kernel-memory-tcp").Value("memory").Value("memory-reservation")
        .Value("memory-swap").Value("pids-limit").Value("l3-cache-schema").Value("mem-bw-schema");

    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = Flags.Parse(argv);
        var id = RuntimeCommandLine.RequireId(args, "update");
        var resources = args.Get("resources") is { } source ? Read(source) : new LinuxResources();
        ApplyFlags(args, resources);
        Update.Run(Container.Load(global.Store, id), resources);
        return 0;
    }

    private static LinuxResources Read(string source)
    {
        try
        {
            return SpecReader.ParseResources(source == "-" ? ReadAll(Console.OpenStandardInput()) : File.ReadAllBytes(source))
                ?? new LinuxResources();
        }
        catch (JsonException e) { throw new RuntimeException($"invalid resources JSON: {e.Message.ReplaceLineEndings(" ")}"); }
    }

    private static byte[] ReadAll(Stream input)
    {
        using (input)
        {
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            return buffer.ToArray();
        }
    }

    private static void ApplyFlags(ParsedArgs args, LinuxResources r)
    {
        if (args.Get("l3-cache-schema") != null || args.Get("mem-bw-schema") != null)
            throw new RuntimeException("Intel RDT is not supported");
        if (args.Get("memory") is { } memory) (r.Memory ??= new()).Limit = ByteSize.Parse(memory);
        if (args.Get("memory-reservation") is { } reservation) (r.Memory ??= new()).Reservation = ByteSize.Parse(reservation);
        if (args.Get("memory-swap") is { } swap) (r.Memory ??= new()).Swap = ByteSize.Parse(swap);
        if (args.Get("kernel-memory") is { } kernel) (r.Memory ??= new()).Kernel = ByteSize.Parse(kernel);
        if (args.Get("kernel-memory-tcp") is { } tcp) (r.Memory ??= new()).KernelTcp = ByteSize.Parse(tcp);
        if (args.Get("cpu-share") is { } shares) (r.Cpu ??= new()).Shares = ParseU(shares, "cpu-share");
        if (args.Get("cpu-period") is { } period) (r.Cpu ??= new()).Period = ParseU(period, "cpu-period");
        if (args.Get("cpu-quota") is { } quota) (r.Cpu ??= new()).Quota = ParseL(quota, "cpu-quota");
        if (args.Get("cpu-burst") is { } burst) (r.Cpu ??= new()).Burst = ParseU(burst, "cpu-burst");
        if (args.Get("cpu-rt-period") is { } rtPeriod) (r.Cpu ??= new()).RealtimePeriod = ParseU(rtPeriod, "cpu-rt-period");
        if (args.Get("cpu-rt-runtime") is { } rtRuntime) (r.Cpu ??= new()).RealtimeRuntime = ParseL(rtRuntime, "cpu-rt-runtime");
        if (args.Get("cpuset-cpus") is { } cpus) (r.Cpu ??= new()).Cpus = cpus;
        if (args.Get("cpuset-mems") is { } mems) (r.Cpu ??= new()).Mems = mems;
        if (args.Get("pids-limit") is { } pids) r.Pids = new LinuxPids { Limit = ParseL(pids, "pids-limit") };
        if (args.Get("blkio-weight") is { } weight)
            (r.BlockIo ??= new()).Weight = ushort.TryParse(weight, out var w) ? w : throw new RuntimeException($"invalid value for blkio-weight: {weight}");
    }

    private static ulong ParseU(string v, string flag) => ulong.TryParse(v, out var n) ? n : throw new RuntimeException($"invalid value for {flag}: {v}");

    private static long ParseL(string v, string flag) => long.TryParse(v, out var n) ? n : throw new RuntimeException($"invalid value for {flag}: {v}");
}

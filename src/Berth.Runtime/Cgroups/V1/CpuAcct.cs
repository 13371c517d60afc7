using System.Globalization;
using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>The v1 cpuacct controller: no settings, only CPU time statistics.</summary>
internal sealed class CpuAcct : IResourceController
{
    /// <summary>cpuacct.stat counts in USER_HZ, which Linux fixes at 100 per second.</summary>
    private const ulong NanosecondsPerTick = 1_000_000_000 / 100;

    public string Name => "cpuacct";

    public bool IsRequested(LinuxResources resources) => false;

    public void Validate(CgroupDirectory directory, LinuxResources resources) { }

    public void Apply(CgroupDirectory directory, LinuxResources resources) { }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        var usage = stats.Cpu.Usage;
        usage.Total = directory.ReadUInt64OrZero("cpuacct.usage");
        if (directory.ReadIfExists("cpuacct.usage_percpu") is string perCpu)
            usage.PerCpu = CgroupStats.NullIfEmpty(ParseNumbers(perCpu, directory.FilePath("cpuacct.usage_percpu")));
        if (directory.Has("cpuacct.usage_all"))
        {
            var (kernel, user) = ParseUsageAll(directory.Read("cpuacct.usage_all"), directory.FilePath("cpuacct.usage_all"));
            usage.PerCpuKernel = CgroupStats.NullIfEmpty(kernel);
            usage.PerCpuUser = CgroupStats.NullIfEmpty(user);
        }
        if (directory.Has("cpuacct.stat"))
        {
            var ticks = directory.ReadKeyedValues("cpuacct.stat");
            usage.User = ticks.GetValueOrDefault("user") * NanosecondsPerTick;
            usage.Kernel = ticks.GetValueOrDefault("system") * NanosecondsPerTick;
        }
    }

    private static List<ulong> ParseNumbers(string text, string source)
        => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => CgroupValues.ParseUInt64(n, source)).ToList();

    /// <summary>Parses "cpu user system" then one "N user system" line per CPU into (kernel, user) lists.</summary>
    private static (List<ulong> Kernel, List<ulong> User) ParseUsageAll(string text, string source)
    {
        var kernel = new List<ulong>();
        var user = new List<ulong>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw new RuntimeException($"malformed line \"{line}\" in {source}");
            user.Add(CgroupValues.ParseUInt64(fields[1], source));
            kernel.Add(CgroupValues.ParseUInt64(fields[2], source));
        }
        return (kernel, user);
    }
}

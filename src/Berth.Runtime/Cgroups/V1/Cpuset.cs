using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups.Common;
using Berth.Runtime.Cgroups.Stats;

namespace Berth.Runtime.Cgroups.V1;

/// <summary>The v1 cpuset controller: the CPUs and memory nodes; a new v1 cpuset starts empty, so creation fills it from the parent.</summary>
internal sealed class Cpuset : IResourceController
{
    private const string Cpus = CpusetSettings.Cpus, Mems = CpusetSettings.Mems;

    public string Name => "cpuset";

    public bool IsRequested(LinuxResources resources) => CpusetSettings.IsRequested(resources);

    public void Validate(CgroupDirectory directory, LinuxResources resources) => CpusetSettings.Validate(resources);

    public void Apply(CgroupDirectory directory, LinuxResources resources) => CpusetSettings.Apply(directory, resources);

    /// <summary>Copies cpuset.cpus and cpuset.mems from the parent where they are empty: an empty cpuset takes no tasks.</summary>
    public static void InheritFromParent(CgroupDirectory directory)
    {
        var parent = directory.Parent();
        foreach (var file in (ReadOnlySpan<string>)[Cpus, Mems])
        {
            if (directory.Read(file).Trim().Length == 0)
                directory.Write(file, parent.Read(file).Trim());
        }
    }

    public void CollectStats(CgroupDirectory directory, CgroupStats stats)
    {
        var cpuset = stats.Cpuset;
        cpuset.Cpus = CgroupStats.NullIfEmpty(CgroupValues.ParseList(directory.Read(Cpus), directory.FilePath(Cpus)));
        cpuset.Mems = CgroupStats.NullIfEmpty(CgroupValues.ParseList(directory.Read(Mems), directory.FilePath(Mems)));
        cpuset.CpuExclusive = directory.ReadUInt64OrZero("cpuset.cpu_exclusive");
        cpuset.MemHardwall = directory.ReadUInt64OrZero("cpuset.mem_hardwall");
        cpuset.MemExclusive = directory.ReadUInt64OrZero("cpuset.mem_exclusive");
        cpuset.MemoryMigrate = directory.ReadUInt64OrZero("cpuset.memory_migrate");
        cpuset.MemorySpreadPage = directory.ReadUInt64OrZero("cpuset.memory_spread_page");
        cpuset.MemorySpreadSlab = directory.ReadUInt64OrZero("cpuset.memory_spread_slab");
        cpuset.MemoryPressure = directory.ReadUInt64OrZero("cpuset.memory_pressure");
        cpuset.SchedLoadBalance = directory.ReadUInt64OrZero("cpuset.sched_load_balance");
        if (directory.ReadIfExists("cpuset.sched_relax_domain_level") is string level)
            cpuset.SchedRelaxDomainLevel = long.Parse(level.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

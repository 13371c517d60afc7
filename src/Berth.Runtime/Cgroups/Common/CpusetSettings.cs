using Berth.Oci.RuntimeSpec;

namespace Berth.Runtime.Cgroups.Common;

/// <summary>cpuset.cpus and cpuset.mems, whose files and rules are the same in cgroup v1 and v2.</summary>
internal static class CpusetSettings
{
    /// <summary>The CPU list file.</summary>
    public const string Cpus = "cpuset.cpus";

    /// <summary>The memory node list file.</summary>
    public const string Mems = "cpuset.mems";

    /// <summary>True when the resources name CPUs or memory nodes.</summary>
    public static bool IsRequested(LinuxResources resources)
        => resources.Cpu is { } c && (!string.IsNullOrEmpty(c.Cpus) || !string.IsNullOrEmpty(c.Mems));

    /// <summary>Rejects lists the kernel would refuse, with a message that shows the expected form.</summary>
    public static void Validate(LinuxResources resources)
    {
        var cpu = resources.Cpu!;
        if (!string.IsNullOrEmpty(cpu.Cpus) && !CgroupValues.IsValidList(cpu.Cpus))
            throw new RuntimeException($"invalid cpuset CPUs \"{cpu.Cpus}\": use a list such as 0-3,5");
        if (!string.IsNullOrEmpty(cpu.Mems) && !CgroupValues.IsValidList(cpu.Mems))
            throw new RuntimeException($"invalid cpuset memory nodes \"{cpu.Mems}\": use a list such as 0-1");
    }

    /// <summary>Writes the lists that are set.</summary>
    public static void Apply(CgroupDirectory directory, LinuxResources resources)
    {
        var cpu = resources.Cpu!;
        if (!string.IsNullOrEmpty(cpu.Cpus)) directory.Write(Cpus, cpu.Cpus);
        if (!string.IsNullOrEmpty(cpu.Mems)) directory.Write(Mems, cpu.Mems);
    }
}

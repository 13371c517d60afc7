using Berth.Runtime.Cgroups;

namespace Berth.UnitTests.Cgroups;

public class CgroupLayoutTests
{
    private const string HybridMountInfo = """
        22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
        30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        36 30 0:33 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
        39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """;

    private const string HybridProcessCgroups = """
        9:name=systemd:/
        6:freezer:/
        4:memory:/process_api/31213aff
        2:cpuacct:/
        1:cpu:/
        0::/
        """;

    [Fact]
    public void Parse_HybridHost_FindsV1ControllersAndTheEmptyUnifiedMount()
    {
        var layout = CgroupLayout.Parse(HybridMountInfo, HybridProcessCgroups);

        Assert.Equal(CgroupMode.Hybrid, layout.Mode);
        Assert.Equal(["cpu", "cpuacct", "memory", "freezer", "name=systemd"], layout.V1Hierarchies.Select(h => h.Name));
        Assert.Equal("/sys/fs/cgroup/memory", layout.V1HierarchyOf("memory")!.MountPoint);
        Assert.Equal("/process_api/31213aff", layout.V1HierarchyOf("memory")!.OwnPath);
        Assert.Empty(layout.V1Hierarchies.Single(h => h.Name == "name=systemd").Controllers);
        Assert.Equal("/sys/fs/cgroup/unified", layout.Unified!.MountPoint);
        Assert.Null(layout.V1HierarchyOf("hugetlb"));
    }

    [Fact]
    public void Parse_PureV2Host_IsUnified()
    {
        var layout = CgroupLayout.Parse(
            "25 22 0:23 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n",
            "0::/user.slice/user-1000.slice/session-2.scope\n");

        Assert.Equal(CgroupMode.Unified, layout.Mode);
        Assert.Empty(layout.V1Hierarchies);
        Assert.Equal("/sys/fs/cgroup", layout.Unified!.MountPoint);
        Assert.Equal("/user.slice/user-1000.slice/session-2.scope", layout.Unified.OwnPath);
    }

    [Fact]
    public void Parse_PureV1Host_WithCoMountedControllers_KeepsThemInOneHierarchy()
    {
        var layout = CgroupLayout.Parse("""
            25 22 0:22 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755
            26 25 0:23 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,release_agent=/lib/systemd/systemd-cgroups-agent,name=systemd
            28 25 0:25 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
            29 25 0:26 / /sys/fs/cgroup/net_cls,net_prio rw - cgroup cgroup rw,net_cls,net_prio
            30 25 0:27 / /sys/fs/cgroup/cpuset rw - cgroup cgroup rw,cpuset,clone_children
            """, """
            5:cpuset:/
            4:net_cls,net_prio:/
            3:cpuacct,cpu:/system.slice/ssh.service
            1:name=systemd:/system.slice/ssh.service
            """);

        Assert.Equal(CgroupMode.Legacy, layout.Mode);
        var cpu = layout.V1HierarchyOf("cpu")!;
        Assert.Same(cpu, layout.V1HierarchyOf("cpuacct"));
        Assert.Equal("cpu,cpuacct", cpu.Name);
        Assert.Equal("/system.slice/ssh.service", cpu.OwnPath);
        Assert.Equal(["cpuset"], layout.V1HierarchyOf("cpuset")!.Controllers);
        Assert.Equal("name=systemd", layout.V1Hierarchies[0].Name);
        Assert.Null(layout.Unified);
    }

    [Fact]
    public void Parse_KeepsTheFirstMountOfAHierarchyAndDecodesEscapes()
    {
        var layout = CgroupLayout.Parse("""
            31 30 0:31 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
            90 22 0:31 / /tmp/my\040cgroups rw - cgroup cgroup rw,memory
            91 22 0:37 / /tmp/second\040v2 rw - cgroup2 cgroup2 rw
            92 22 0:37 / /tmp/third rw - cgroup2 cgroup2 rw
            """, "4:memory:/\n0::/\n");

        Assert.Single(layout.V1Hierarchies);
        Assert.Equal("/sys/fs/cgroup/memory", layout.V1Hierarchies[0].MountPoint);
        Assert.Equal("/tmp/second v2", layout.Unified!.MountPoint);
    }

    [Fact]
    public void DirectoryOf_StripsTheMountRootOfANamespacedMount()
    {
        var layout = CgroupLayout.Parse(
            "40 30 0:37 /docker/abc /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n", "0::/docker/abc/init\n");

        Assert.Equal("/sys/fs/cgroup/init", layout.Unified!.DirectoryOf("/docker/abc/init"));
        Assert.Equal("/sys/fs/cgroup", layout.Unified.DirectoryOf("/docker/abc"));
        Assert.Equal("/sys/fs/cgroup/other", layout.Unified.DirectoryOf("/other"));
    }

    [Fact]
    public void Mode_WithoutAnyCgroupMount_IsAClearError()
    {
        var layout = CgroupLayout.Parse("22 1 254:0 / / rw - ext4 /dev/vda rw\n", "");

        var error = Assert.Throws<Berth.Runtime.RuntimeException>(() => layout.Mode);
        Assert.Contains("no cgroup filesystem", error.Message);
    }

    [Fact]
    public void Detect_ReadsThisProcessesLayout()
    {
        // Whatever the machine, the layout must parse and name a mode (this host: hybrid).
        var layout = CgroupLayout.Detect();

        Assert.True(layout.V1Hierarchies.Count > 0 || layout.Unified is not null);
    }
}

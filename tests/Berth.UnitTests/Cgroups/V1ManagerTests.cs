using Berth.Oci.RuntimeSpec;
using Berth.Runtime;
using Berth.Runtime.Cgroups;

namespace Berth.UnitTests.Cgroups;

public class V1ManagerTests
{
    [Fact]
    public void Create_MakesTheCgroupInEveryHierarchyAndFillsAnEmptyCpusetFromItsParent()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Cgroup.Open("/docker/abc", "abc", host.Layout);

        cgroup.Create();

        foreach (var (mount, _) in FakeCgroupHost.HybridV1)
            Assert.True(Directory.Exists(host.V1Dir(mount, "/docker/abc")), mount);
        Assert.True(Directory.Exists(host.V1Dir("unified", "/docker/abc")));
        Assert.Equal("0-1", FakeCgroupHost.Get(host.V1Dir("cpuset", "/docker"), "cpuset.cpus"));
        Assert.Equal("0", FakeCgroupHost.Get(host.V1Dir("cpuset", "/docker/abc"), "cpuset.mems"));
        Assert.True(cgroup.Exists());
    }

    [Fact]
    public void Create_RemovesWhatItMadeWhenAHierarchyFails()
    {
        using var host = FakeCgroupHost.Hybrid();
        host.Files.FailWrites["cpuset.cpus"] = _ => 28; // ENOSPC
        var cgroup = Cgroup.Open("/docker/abc", "abc", host.Layout);

        Assert.Throws<Berth.Runtime.Cgroups.Common.CgroupFileException>(cgroup.Create);

        Assert.False(Directory.Exists(host.V1Dir("cpu", "/docker")));
        Assert.False(cgroup.Exists());
    }

    [Fact]
    public void AddProcess_WritesThePidToEveryHierarchy()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Cgroup.Open("/c", "c", host.Layout);
        cgroup.Create();

        cgroup.AddProcess(4242);

        var procs = host.Files.Writes.Where(w => w.Path.EndsWith("/c/cgroup.procs")).ToList();
        Assert.Equal(FakeCgroupHost.HybridV1.Length + 1, procs.Count);
        Assert.All(procs, w => Assert.Equal("4242", w.Value));
    }

    [Fact]
    public void Apply_RefusesUnifiedResourcesOnV1()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Created(host);

        var error = Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources { Unified = new() { ["memory.high"] = "1G" } }));
        Assert.Contains("cgroup v2", error.Message);
    }

    [Fact]
    public void Apply_ForAControllerThatIsNotMounted_FailsOnlyWhenAsked()
    {
        var withoutHugetlb = FakeCgroupHost.HybridV1.Where(h => h.Mount != "hugetlb").ToArray();
        using var host = FakeCgroupHost.Legacy(withoutHugetlb);
        var cgroup = Created(host);

        cgroup.Apply(new LinuxResources { Pids = new LinuxPids { Limit = 5 } });
        var error = Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources
        {
            HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 1 << 21 }],
        }));
        Assert.Contains("hugetlb cgroup controller is not mounted", error.Message);
    }

    [Fact]
    public void Apply_ValidatesEverythingBeforeWritingAnything()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Created(host);
        int before = host.Files.Writes.Count;

        Assert.Throws<RuntimeException>(() => cgroup.Apply(new LinuxResources
        {
            Pids = new LinuxPids { Limit = 10 },
            Cpu = new LinuxCpu { Shares = 512, Cpus = "0-x" },
            Memory = new LinuxMemory { Limit = 1 << 20, Swappiness = 101 },
        }));

        Assert.Equal(before, host.Files.Writes.Count);
    }

    [Fact]
    public void Freeze_WritesFrozenAndWaitsForTheState_ThawReverses()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Created(host);

        cgroup.Freeze();
        Assert.True(cgroup.IsFrozen());
        cgroup.Thaw();

        Assert.False(cgroup.IsFrozen());
        Assert.Equal([("freezer.state", "FROZEN"), ("freezer.state", "THAWED")], host.Files.WritesIn(host.V1Dir("freezer", "/c")));
    }

    [Fact]
    public void Freeze_ThatNeverCompletes_IsUndoneAndReported()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Created(host);
        host.Files.StoreAs["freezer.state"] = value => value == "FROZEN" ? "FREEZING" : value;

        var error = Assert.Throws<RuntimeException>(cgroup.Freeze);

        Assert.Contains("did not freeze", error.Message);
        Assert.Equal("THAWED", FakeCgroupHost.Get(host.V1Dir("freezer", "/c"), "freezer.state"));
    }

    [Fact]
    public void GetPids_CollectsTheCgroupAndItsChildren()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Created(host);
        string pids = host.V1Dir("pids", "/c");
        FakeCgroupHost.Set(pids, "cgroup.procs", "10\n11\n");
        string child = host.MakeCgroup(pids, "/sub");
        FakeCgroupHost.Set(child, "cgroup.procs", "12\n");

        Assert.Equal([10, 11, 12], cgroup.GetPids().Order());
    }

    [Fact]
    public void Destroy_RemovesChildCgroupsOfABusyOneAndRetries()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Created(host);
        string memory = host.V1Dir("memory", "/c");
        string child = host.MakeCgroup(memory, "/sub");
        host.Files.FailRemovals[memory] = (16, 2);

        cgroup.Destroy();

        Assert.False(cgroup.Exists());
        var memoryRemovals = host.Files.Removals.Where(r => r.StartsWith(memory)).ToList();
        Assert.Equal([memory, child, memory, memory], memoryRemovals);
        cgroup.Destroy(); // gone already: fine
    }

    [Fact]
    public void GetOomKillCount_ReadsOomControl()
    {
        using var host = FakeCgroupHost.Hybrid();
        var cgroup = Created(host);
        FakeCgroupHost.Set(host.V1Dir("memory", "/c"), "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");

        Assert.Equal(3ul, cgroup.GetOomKillCount());
    }

    internal static ICgroup Created(FakeCgroupHost host, string path = "/c")
    {
        var cgroup = Cgroup.Open(path, "c", host.Layout);
        cgroup.Create();
        host.Files.Writes.Clear();
        return cgroup;
    }
}

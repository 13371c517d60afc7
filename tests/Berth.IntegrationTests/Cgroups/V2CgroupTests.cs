using Berth.Oci.RuntimeSpec;
using Berth.Runtime.Cgroups;
using Berth.Runtime.Cgroups.V2.DeviceFilter;
using static Berth.IntegrationTests.Cgroups.CgroupTestSupport;

namespace Berth.IntegrationTests.Cgroups;

/// <summary>
/// The v2 manager against the host's real cgroup2 mount (on this hybrid host the controller-less
/// /sys/fs/cgroup/unified): creation, joining, cgroup.freeze, and the device eBPF program loaded and enforced.
/// </summary>
public class V2CgroupTests : IDisposable
{
    private readonly CgroupLayout _layout;
    private readonly string _rootSubtreeControl;
    private readonly string _mount;

    public V2CgroupTests()
    {
        var detected = CgroupLayout.Detect();
        _layout = new CgroupLayout([], detected.Unified);
        _mount = detected.Unified?.MountPoint ?? "/nonexistent";
        _rootSubtreeControl = Environment.IsPrivilegedProcess && detected.Unified is not null ? Read("cgroup.subtree_control") : "";
    }

    /// <summary>Creation enables every controller of the root for its children; put the root back as it was.</summary>
    public void Dispose()
    {
        if (!Environment.IsPrivilegedProcess || _layout.Unified is null) return;
        var before = _rootSubtreeControl.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var added in Read("cgroup.subtree_control").Split(' ', StringSplitOptions.RemoveEmptyEntries).Except(before))
        {
            try { File.WriteAllText(Path.Combine(_mount, "cgroup.subtree_control"), "-" + added); } catch (IOException) { }
        }
    }

    private string Read(string file, string path = "") => File.ReadAllText(_mount + path + "/" + file).Trim();

    [CgroupFact("v2")]
    public void Lifecycle_CreateJoinFreezeThawDestroy()
    {
        string path = UniquePath();
        var cgroup = Cgroup.Open(path, "test", _layout);
        ScriptProcess? ticker = null;
        string counter = Path.GetTempFileName();
        try
        {
            Assert.True(cgroup.IsUnified);
            cgroup.Create();
            Assert.True(Directory.Exists(_mount + path));

            ticker = new ScriptProcess($"while :; do echo x >> {counter}; sleep 0.02; done");
            cgroup.AddProcess(ticker.Pid);
            ticker.Release();
            Assert.Contains(ticker.Pid, cgroup.GetPids());
            Assert.Contains($"0::{path}", File.ReadAllText($"/proc/{ticker.Pid}/cgroup"));

            cgroup.Freeze();
            Assert.True(cgroup.IsFrozen());
            Assert.Contains("frozen 1", Read("cgroup.events", path));
            long frozenSize = SizeAfter(counter, TimeSpan.FromMilliseconds(100));
            Assert.Equal(frozenSize, SizeAfter(counter, TimeSpan.FromMilliseconds(300)));
            cgroup.Thaw();
            Assert.False(cgroup.IsFrozen());
            Assert.True(GrowsBeyond(counter, frozenSize), "the ticker did not resume after thaw");

            var stats = cgroup.GetStats();
            Assert.True(stats.Cpu.Usage.Total > 0);

            ticker.Kill();
            cgroup.Destroy();
            Assert.False(cgroup.Exists());
        }
        finally
        {
            CleanUp(cgroup, ticker);
            File.Delete(counter);
        }
    }

    [CgroupFact("v2")]
    public void Devices_AttachedProgramIsEnforcedAndReplacedOnUpdate()
    {
        string path = UniquePath();
        var cgroup = Cgroup.Open(path, "test", _layout);
        ScriptProcess? probe = null, second = null;
        try
        {
            cgroup.Create();
            cgroup.Apply(new LinuxResources { Devices = DockerDevices() });
            var first = DeviceProgramAttachment.AttachedProgramIds(_mount + path);
            Assert.Single(first);

            cgroup.Apply(new LinuxResources { Devices = ZeroOnlyDevices() });
            var replaced = DeviceProgramAttachment.AttachedProgramIds(_mount + path);
            Assert.Single(replaced);
            Assert.NotEqual(first[0], replaced[0]);

            probe = new ScriptProcess(DeviceProbeScript);
            cgroup.AddProcess(probe.Pid);
            probe.Release();
            string output = probe.WaitForOutput(TimeSpan.FromSeconds(10));
            Assert.Contains("null-denied", output);
            Assert.Contains("zero-bytes=4", output);

            cgroup.Apply(new LinuxResources { Devices = DockerDevices() });
            second = new ScriptProcess(DeviceProbeScript);
            cgroup.AddProcess(second.Pid);
            second.Release();
            Assert.Contains("null-open", second.WaitForOutput(TimeSpan.FromSeconds(10)));
            Assert.Single(DeviceProgramAttachment.AttachedProgramIds(_mount + path));
        }
        finally
        {
            CleanUp(cgroup, probe, second);
        }
    }

    [CgroupFact("hybrid")]
    public void Apply_ControllerNotDelegatedHere_IsAClearError()
    {
        // On a hybrid host memory belongs to v1, so the unified hierarchy cannot offer it.
        var cgroup = Cgroup.Open(UniquePath(), "test", _layout);
        try
        {
            cgroup.Create();

            var error = Assert.Throws<Berth.Runtime.RuntimeException>(() => cgroup.Apply(new LinuxResources { Memory = new LinuxMemory { Limit = 1 << 30 } }));

            Assert.Contains("memory controller is not enabled", error.Message);
        }
        finally
        {
            CleanUp(cgroup);
        }
    }

    [CgroupFact("v2:hugetlb")]
    public void Create_DelegatesControllers_SoLimitsCanBeApplied()
    {
        string path = UniquePath();
        var cgroup = Cgroup.Open(path, "test", _layout);
        try
        {
            cgroup.Create();
            Assert.Contains("hugetlb", Read("cgroup.controllers", path));

            cgroup.Apply(new LinuxResources { HugepageLimits = [new LinuxHugepageLimit { PageSize = "2MB", Limit = 4 << 20 }] });

            Assert.Equal((4 << 20).ToString(), Read("hugetlb.2MB.max", path));
            Assert.True(cgroup.GetStats().Hugetlb.ContainsKey("2MB"));
        }
        finally
        {
            CleanUp(cgroup);
        }
    }
}

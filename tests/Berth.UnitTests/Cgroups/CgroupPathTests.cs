using Berth.Runtime;
using Berth.Runtime.Cgroups;

namespace Berth.UnitTests.Cgroups;

public class CgroupPathTests
{
    [Theory]
    [InlineData("/docker/abc", "/user.slice", "/docker/abc")]
    [InlineData("/docker//abc/", "/", "/docker/abc")]
    [InlineData("/../../etc", "/", "/etc")]
    [InlineData("foo/bar", "/user.slice", "/user.slice/foo/bar")]
    [InlineData("./foo/../bar", "/a", "/a/bar")]
    [InlineData(null, "/user.slice", "/user.slice/ctr1")]
    [InlineData("", "/", "/ctr1")]
    public void Resolve_FollowsRuncsCgroupfsRules(string? cgroupsPath, string ownPath, string expected)
        => Assert.Equal(expected, CgroupPath.Resolve(cgroupsPath, "ctr1", ownPath));

    [Fact]
    public void Resolve_RefusesSystemdStylePaths()
    {
        var error = Assert.Throws<RuntimeException>(() => CgroupPath.Resolve("system.slice:docker:abc", "abc", "/"));
        Assert.Equal("systemd cgroup driver is not supported; use cgroupfs", error.Message);
    }

    [Fact]
    public void Resolve_RefusesAnIdThatIsNotAPathComponent()
        => Assert.Throws<RuntimeException>(() => CgroupPath.Resolve(null, "../escape", "/"));

    [Fact]
    public void Open_OnAHybridHost_UsesEveryHierarchyAndResolvesRelativePathsPerHierarchy()
    {
        using var host = FakeCgroupHost.Hybrid(ownPath: "/outer");

        var cgroup = Cgroup.Open("inner", "ctr", host.Layout);

        Assert.Equal("/outer/inner", cgroup.Path);
        Assert.False(cgroup.IsUnified);
        Assert.Equal(FakeCgroupHost.HybridV1.Length + 1, cgroup.Paths.Count);
        Assert.Equal("/outer/inner", cgroup.Paths["unified"]);
        Assert.Equal("/outer/inner", cgroup.Paths["name=systemd"]);
        Assert.Equal("/outer/inner", cgroup.Paths["net_cls,net_prio"]);
    }

    [Fact]
    public void FromPaths_ReopensTheSameDirectories()
    {
        using var host = FakeCgroupHost.Hybrid(ownPath: "/outer");
        var first = Cgroup.Open(null, "ctr", host.Layout);
        first.Create();

        var again = Cgroup.FromPaths(first.Paths, host.Layout);

        Assert.True(again.Exists());
        Assert.Equal(first.Paths, again.Paths);
        Assert.True(Directory.Exists(host.V1Dir("memory", "/outer/ctr")));
    }

    [Fact]
    public void Open_OnAUnifiedHost_UsesTheV2Manager()
    {
        using var host = FakeCgroupHost.Unified(ownPath: "/user.slice");

        var cgroup = Cgroup.Open(null, "ctr", host.Layout);

        Assert.True(cgroup.IsUnified);
        Assert.Equal("/user.slice/ctr", cgroup.Path);
        Assert.Equal(new Dictionary<string, string> { ["unified"] = "/user.slice/ctr" }, cgroup.Paths);
    }
}

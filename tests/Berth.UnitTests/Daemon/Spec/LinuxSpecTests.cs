using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Errors;

namespace Berth.UnitTests.Daemon.Spec;

/// <summary>The Linux part of the spec: capabilities, paths, mounts, namespaces, devices, privileged mode.</summary>
public sealed class LinuxSpecTests : SpecTestBase
{
    private static readonly string[] Default14 =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    private List<string> Caps(HostConfig h) => F.Build(host: h).Process!.Capabilities!.Bounding!;

    [Fact]
    public void DefaultCapabilitiesInAllThreeSetsAndNoInheritable()
    {
        var caps = F.Build().Process!.Capabilities!;
        Assert.Equal(Default14, caps.Bounding!);
        Assert.Equal(Default14, caps.Effective!);
        Assert.Equal(Default14, caps.Permitted!);
        Assert.Null(caps.Inheritable);
        Assert.Null(caps.Ambient);
    }

    [Fact]
    public void CapDropAndCapAddInAnySpelling()
        => Assert.Equal(Default14.Where(c => c is not ("CAP_CHOWN" or "CAP_NET_RAW")).Append("CAP_SYS_ADMIN"),
            Caps(new HostConfig { CapDrop = ["chown", "CAP_NET_RAW"], CapAdd = ["sys_admin"] }));

    [Fact]
    public void CapAddAllKeepsOnlyWhatIsNotDropped()
    {
        var caps = Caps(new HostConfig { CapAdd = ["ALL"], CapDrop = ["MKNOD"] });
        Assert.Equal(CapabilityTweaks.HostCapabilities.Where(c => c != "CAP_MKNOD"), caps);
        Assert.Contains("CAP_SYS_ADMIN", caps);
    }

    [Fact]
    public void CapDropAllLeavesOnlyTheAdded()
    {
        Assert.Equal(["CAP_NET_BIND_SERVICE"], Caps(new HostConfig { CapDrop = ["all"], CapAdd = ["NET_BIND_SERVICE"] }));
        Assert.Empty(Caps(new HostConfig { CapDrop = ["ALL"] }));
    }

    [Theory]
    [InlineData("CapAdd")]
    [InlineData("CapDrop")]
    public void UnknownCapabilityIsRefused(string field)
    {
        var h = field == "CapAdd" ? new HostConfig { CapAdd = ["foo"] } : new HostConfig { CapDrop = ["CAP_FOO"] };
        Assert.Equal($"invalid {field}: unknown capability: \"CAP_FOO\"", Assert.Throws<BadRequestError>(() => F.Build(host: h)).Message);
    }

    [Fact]
    public void MaskedAndReadonlyPathsAsDockerd()
    {
        var linux = F.Build().Linux!;
        Assert.Equal(["/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
            "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware"], linux.MaskedPaths!);
        Assert.Equal(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"], linux.ReadonlyPaths!);
    }

    [Fact]
    public void DefaultMountsWith64MiBShm()
    {
        var mounts = F.Build().Mounts!;
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"], mounts.Select(m => m.Destination));
        var shm = mounts[^1];
        Assert.Equal(("tmpfs", "shm"), (shm.Type, shm.Source));
        Assert.Equal(["nosuid", "noexec", "nodev", "mode=1777", "size=67108864"], shm.Options!);
        Assert.Equal(["nosuid", "noexec", "nodev", "ro"], mounts[3].Options!);
        Assert.Equal(["ro", "nosuid", "noexec", "nodev"], mounts[4].Options!);
    }

    [Fact]
    public void ShmSizeIsHonoured()
        => Assert.Contains("size=134217728", F.Build(host: new HostConfig { ShmSize = 128L << 20 }).Mounts!.Single(m => m.Destination == "/dev/shm").Options!);

    [Fact]
    public void TmpfsMountsFollowDefaultsAndReplaceSameDestination()
    {
        var mounts = F.Build(host: new HostConfig { Tmpfs = new() { ["/run"] = "size=64m,exec", ["/dev/shm"] = "" } }).Mounts!;
        Assert.Equal(["/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/run", "/dev/shm"], mounts.Select(m => m.Destination));
        Assert.Equal(["nosuid", "nodev", "rprivate", "size=64m", "exec"], mounts[6].Options!);
        Assert.Equal(("tmpfs", "tmpfs"), (mounts[7].Type, mounts[7].Source));
        Assert.Equal(["noexec", "nosuid", "nodev", "rprivate"], mounts[7].Options!);
    }

    [Theory]
    [InlineData("ro,defaults,rw", new[] { "noexec", "nosuid", "nodev", "rprivate", "rw" })]
    [InlineData("size=1m,size=2m,shared", new[] { "noexec", "nosuid", "nodev", "size=2m", "shared" })]
    public void TmpfsOptionsLastOfAKindWins(string data, string[] expected) => Assert.Equal(expected, TmpfsOptions.Merge(data));

    [Fact]
    public void BadTmpfsOptionIsRefused()
        => Assert.Equal("Invalid tmpfs option [\"bogus\"]",
            Assert.Throws<BadRequestError>(() => F.Build(host: new HostConfig { Tmpfs = new() { ["/run"] = "bogus" } })).Message);

    [Theory]
    [InlineData(null, new[] { "mount", "network", "uts", "pid", "ipc" })]
    [InlineData("none", new[] { "mount", "network", "uts", "pid", "ipc" })]
    [InlineData("host", new[] { "mount", "uts", "pid", "ipc" })]
    public void Namespaces(string? networkMode, string[] expected)
    {
        var ns = F.Build(host: new HostConfig { NetworkMode = networkMode }).Linux!.Namespaces!;
        Assert.Equal(expected, ns.Select(n => n.Type));
        Assert.All(ns, n => Assert.Null(n.Path));
    }

    [Fact]
    public void RootAndCgroupsPath()
    {
        var spec = F.Build(host: new HostConfig { ReadonlyRootfs = true });
        Assert.Equal((F.Rootfs, true), (spec.Root!.Path, spec.Root.Readonly));
        Assert.Equal("/docker/" + SpecFixture.Id, spec.Linux!.CgroupsPath);
        Assert.False(F.Build().Root!.Readonly);
        Assert.Equal("/mine/" + SpecFixture.Id, F.Build(host: new HostConfig { CgroupParent = "/mine/" }).Linux!.CgroupsPath);
    }

    [Fact]
    public void SysctlsAreCopiedOverDockerdsNetworkDefaults()
    {
        var sysctl = F.Build(host: new HostConfig { Sysctls = new() { ["net.ipv4.ip_forward"] = "1", ["net.ipv4.ping_group_range"] = "1 1" } }).Linux!.Sysctl!;
        Assert.Equal(new Dictionary<string, string>
        {
            ["net.ipv4.ip_forward"] = "1", ["net.ipv4.ping_group_range"] = "1 1", ["net.ipv4.ip_unprivileged_port_start"] = "0",
        }, sysctl);
        Assert.Null(F.Build(host: new HostConfig { NetworkMode = "host" }).Linux!.Sysctl);
    }

    [Fact]
    public void NonRootUserGetsOnlyTheBoundingSet()
    {
        var caps = F.Build(new ContainerCreateConfig { User = "app" }).Process!.Capabilities!;
        Assert.Equal(Default14, caps.Bounding!);
        Assert.Null(caps.Effective);
        Assert.Null(caps.Permitted);
    }

    [Fact]
    public void DefaultDeviceRulesAndNoExtraNodes()
    {
        var linux = F.Build().Linux!;
        Assert.Null(linux.Devices);
        var rules = linux.Resources!.Devices!;
        Assert.Equal(("", false, "rwm"), (rules[0].Type ?? "", rules[0].Allow, rules[0].Access));
        Assert.Equal(["c 1:5 True", "c 1:3 True", "c 1:9 True", "c 1:8 True", "c 5:0 True", "c 5:1 True", "c 10:229 False"],
            rules.Skip(1).Select(r => $"{r.Type} {r.Major}:{r.Minor} {r.Allow}"));
    }

    [Fact]
    public void DeviceFlagAddsNodeAndRule()
    {
        var linux = F.Build(host: new HostConfig { Devices = [new DeviceMapping { PathOnHost = "/dev/sda", PathInContainer = "/dev/xvda", CgroupPermissions = "r" }] }).Linux!;
        var node = Assert.Single(linux.Devices!);
        Assert.Equal(("/dev/xvda", "b", 8L, 0L), (node.Path, node.Type, node.Major, node.Minor));
        var rule = linux.Resources!.Devices![^1];
        Assert.Equal(("b", 8L, 0L, "r", true), (rule.Type, rule.Major, rule.Minor, rule.Access, rule.Allow));
    }

    [Fact]
    public void MissingDeviceFailsAsDockerd()
        => Assert.Equal("error gathering device information while adding custom device \"/dev/nope\": no such file or directory",
            Assert.Throws<ContainerStartError>(() => F.Build(host: new HostConfig { Devices = [new DeviceMapping { PathOnHost = "/dev/nope" }] })).Message);

    [Fact]
    public void PrivilegedGetsEverything()
    {
        var spec = F.Build(host: new HostConfig { Privileged = true, CapDrop = ["CHOWN"] });
        Assert.Equal(CapabilityTweaks.HostCapabilities, spec.Process!.Capabilities!.Bounding!);
        Assert.Null(spec.Linux!.MaskedPaths);
        Assert.Null(spec.Linux.ReadonlyPaths);
        Assert.Null(spec.Linux.Seccomp);
        Assert.Equal(3, spec.Linux.Devices!.Count);
        var rule = Assert.Single(spec.Linux.Resources!.Devices!);
        Assert.Equal((true, "rwm", null), (rule.Allow, rule.Access, rule.Type));
        Assert.DoesNotContain("ro", spec.Mounts!.Single(m => m.Destination == "/sys").Options!);
        Assert.DoesNotContain("ro", spec.Mounts!.Single(m => m.Destination == "/sys/fs/cgroup").Options!);
    }

    [Fact]
    public void HostDevicesListsDevButNotPtsOrConsole()
    {
        var all = new HostDevices().All();
        Assert.Contains(all, d => d is { Path: "/dev/null", Type: "c", Major: 1, Minor: 3 });
        Assert.DoesNotContain(all, d => d.Path.StartsWith("/dev/pts/", StringComparison.Ordinal) || d.Path == "/dev/console");
    }

    [Fact]
    public void HostDevicesReadsRealNodes()
    {
        var dev = Assert.Single(new HostDevices().FromPath("/dev/null", "/dev/null"));
        Assert.Equal(("c", 1L, 3L), (dev.Type, dev.Major, dev.Minor));
        Assert.Equal("error gathering device information while adding custom device \"/etc/passwd\": not a device node",
            Assert.Throws<ContainerStartError>(() => new HostDevices().FromPath("/etc/passwd", "/x")).Message);
    }
}

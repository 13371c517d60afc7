using Berth.Daemon.Api.Models;
using Berth.Daemon.Containers.Spec;
using Berth.Daemon.Errors;
using ImageContainerConfig = Berth.Oci.Image.ContainerConfig;

namespace Berth.UnitTests.Daemon.Spec;

/// <summary>The process part of the spec: command, environment, user, working directory, hostname.</summary>
public sealed class ProcessSpecTests : SpecTestBase
{
    private static readonly Berth.Oci.Image.ImageConfig WithEntrypoint = SpecFixture.Image(new ImageContainerConfig
    {
        Entrypoint = ["/entry.sh"], Cmd = ["serve"], Env = ["A=image", "B=image"], User = "app", WorkingDir = "/srv",
    });

    [Fact]
    public void ImageCommandIsUsedWhenNoneGiven()
        => Assert.Equal(["/entry.sh", "serve"], F.Build(image: WithEntrypoint).Process!.Args!);

    [Fact]
    public void GivenCmdReplacesImageCmdButKeepsEntrypoint()
        => Assert.Equal(["/entry.sh", "debug"], F.Build(new ContainerCreateConfig { Cmd = ["debug"] }, image: WithEntrypoint).Process!.Args!);

    [Fact]
    public void GivenEntrypointDropsImageCmd()
        => Assert.Equal(["/bin/echo"], F.Build(new ContainerCreateConfig { Entrypoint = ["/bin/echo"] }, image: WithEntrypoint).Process!.Args!);

    [Fact]
    public void EmptyEntrypointRunsOnlyTheCommand()
        => Assert.Equal(["ls", "-l"], F.Build(new ContainerCreateConfig { Entrypoint = [""], Cmd = ["ls", "-l"] }, image: WithEntrypoint).Process!.Args!);

    [Fact]
    public void NoCommandAnywhereIsRefused()
    {
        var e = Assert.Throws<BadRequestError>(() => F.Build(image: SpecFixture.Image(new ImageContainerConfig())));
        Assert.Equal("No command specified", e.Message);
    }

    [Fact]
    public void EnvironmentStartsWithPathAndHostnameAndMergesImageUnderUser()
    {
        var spec = F.Build(new ContainerCreateConfig { Env = ["B=user", "C=user"] }, image: WithEntrypoint);
        Assert.Equal(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=0123456789ab", "B=user", "C=user", "A=image"],
            spec.Process!.Env!);
    }

    [Fact]
    public void ConfigPathReplacesDefaultInPlaceAndTtyAddsTerm()
    {
        var spec = F.Build(new ContainerCreateConfig { Env = ["PATH=/x", "TERM=vt100"], Tty = true });
        Assert.Equal(["PATH=/x", "HOSTNAME=0123456789ab", "TERM=vt100"], spec.Process!.Env!);
        Assert.True(spec.Process.Terminal);
    }

    [Fact]
    public void BareNameUnsetsADefault()
        => Assert.Equal(["PATH=" + SpecDefaults.Path], F.Build(new ContainerCreateConfig { Env = ["HOSTNAME"] }, image: SpecFixture.Image(new ImageContainerConfig { Cmd = ["sh"] })).Process!.Env!);

    [Fact]
    public void UserAndWorkingDirComeFromImage()
    {
        var spec = F.Build(image: WithEntrypoint);
        Assert.Equal((1000u, 1000u), (spec.Process!.User.Uid, spec.Process.User.Gid));
        Assert.Equal([1000u, 27u], spec.Process.User.AdditionalGids!);
        Assert.Equal("/srv", spec.Process.Cwd);
    }

    [Fact]
    public void DefaultUserIsRootWithItsGroups()
    {
        var spec = F.Build();
        Assert.Equal((0u, 0u), (spec.Process!.User.Uid, spec.Process.User.Gid));
        Assert.Equal([0u, 0u, 1u, 10u, 27u], spec.Process.User.AdditionalGids!);
        Assert.Equal("/", spec.Process.Cwd);
    }

    [Theory]
    [InlineData("1000:1000", 1000u, 1000u)]
    [InlineData("4242", 4242u, 0u)]
    [InlineData("nobody", 65534u, 65534u)]
    [InlineData("app:staff", 1000u, 50u)]
    public void UserSpecResolvesAgainstTheRootfs(string user, uint uid, uint gid)
    {
        var spec = F.Build(new ContainerCreateConfig { User = user });
        Assert.Equal((uid, gid), (spec.Process!.User.Uid, spec.Process.User.Gid));
    }

    [Fact]
    public void GroupAddAppendsResolvedGroups()
        => Assert.Equal([1000u, 27u, 50u, 777u], F.Build(new ContainerCreateConfig { User = "app" }, new HostConfig { GroupAdd = ["staff", "777"] }).Process!.User.AdditionalGids!);

    [Theory]
    [InlineData("ghost", "unable to find user ghost: no matching entries in passwd file")]
    [InlineData("app:ghosts", "unable to find group ghosts: no matching entries in group file")]
    public void UnknownUserOrGroupFailsAsDockerd(string user, string message)
        => Assert.Equal(message, Assert.Throws<ContainerStartError>(() => F.Build(new ContainerCreateConfig { User = user })).Message);

    [Fact]
    public void AbsolutePasswdLinkStaysInsideTheRootfs()
    {
        Directory.CreateDirectory(Path.Combine(F.Rootfs, "alt"));
        File.Move(Path.Combine(F.Rootfs, "etc/passwd"), Path.Combine(F.Rootfs, "alt/passwd"));
        File.CreateSymbolicLink(Path.Combine(F.Rootfs, "etc/passwd"), "/alt/passwd");
        Assert.Equal(1000u, F.Build(new ContainerCreateConfig { User = "app" }).Process!.User.Uid);
    }

    [Fact]
    public void RelativeWorkingDirIsRefused()
        => Assert.Equal("the working directory 'srv' is invalid, it needs to be an absolute path",
            Assert.Throws<BadRequestError>(() => F.Build(new ContainerCreateConfig { WorkingDir = "srv" })).Message);

    [Fact]
    public void HostnameDefaultsToShortIdAndDomainnameIsASysctl()
    {
        Assert.Equal("0123456789ab", F.Build().Hostname);
        var spec = F.Build(new ContainerCreateConfig { Hostname = "web", Domainname = "example.org" });
        Assert.Equal("web", spec.Hostname);
        Assert.Equal("example.org", spec.Linux!.Sysctl!["kernel.domainname"]);
    }

    [Fact]
    public void UlimitsBecomeRlimits()
    {
        var spec = F.Build(host: new HostConfig { Ulimits = [new Ulimit { Name = "nofile", Soft = 1024, Hard = 2048 }] });
        var r = Assert.Single(spec.Process!.Rlimits!);
        Assert.Equal(("RLIMIT_NOFILE", 1024ul, 2048ul), (r.Type, r.Soft, r.Hard));
        Assert.Null(F.Build().Process!.Rlimits);
    }

    [Theory]
    [InlineData("bogus", 1, 1, "invalid ulimit type: bogus")]
    [InlineData("nproc", 10, 5, "ulimit soft limit must be less than or equal to hard limit: 10 > 5")]
    public void BadUlimitsAreRefused(string name, long soft, long hard, string message)
        => Assert.Equal(message, Assert.Throws<BadRequestError>(() => F.Build(host: new HostConfig { Ulimits = [new Ulimit { Name = name, Soft = soft, Hard = hard }] })).Message);

    [Theory]
    [InlineData("no-new-privileges", true)]
    [InlineData("no-new-privileges=true", true)]
    [InlineData("no-new-privileges:1", true)]
    [InlineData("no-new-privileges=false", false)]
    public void NoNewPrivilegesFromSecurityOpt(string opt, bool expected)
        => Assert.Equal(expected, F.Build(host: new HostConfig { SecurityOpt = [opt] }).Process!.NoNewPrivileges);

    [Theory]
    [InlineData("bogus", "invalid --security-opt 1: \"bogus\"")]
    [InlineData("foo=bar", "invalid --security-opt 2: \"foo=bar\"")]
    [InlineData("no-new-privileges=maybe", "invalid --security-opt 2: \"no-new-privileges=maybe\"")]
    public void BadSecurityOptsAreRefused(string opt, string message)
        => Assert.Equal(message, Assert.Throws<BadRequestError>(() => F.Build(host: new HostConfig { SecurityOpt = [opt] })).Message);

    [Fact]
    public void OomScoreAdjIsAlwaysWritten()
    {
        Assert.Equal(0, F.Build().Process!.OomScoreAdj);
        Assert.Equal(500, F.Build(host: new HostConfig { OomScoreAdj = 500 }).Process!.OomScoreAdj);
    }

    [Fact]
    public void UnsupportedOptionsSayNotImplemented()
    {
        Assert.Throws<NotImplementedError>(() => F.Build(host: new HostConfig { Binds = ["/tmp:/tmp"] }));
        Assert.Throws<NotImplementedError>(() => F.Build(host: new HostConfig { NetworkMode = "container:abc" }));
    }

    [Fact]
    public void InitRunsFirstFromAReadOnlyBindMount()
    {
        var spec = F.Builder.Build(new SpecRequest(SpecFixture.Id, new ContainerCreateConfig { Cmd = ["sleep", "9"] }, new HostConfig { Init = true },
            SpecFixture.Alpine, F.Rootfs, InitPath: "/usr/bin/tini-static"));
        Assert.Equal(["/sbin/docker-init", "--", "sleep", "9"], spec.Process!.Args);
        var mount = Assert.Single(spec.Mounts!, m => m.Destination == "/sbin/docker-init");
        Assert.Equal(("bind", "/usr/bin/tini-static"), (mount.Type, mount.Source));
        Assert.Equal(["bind", "ro"], mount.Options);
        Assert.DoesNotContain(F.Build().Mounts!, m => m.Destination == "/sbin/docker-init");
    }
}

using Berth.Runtime;
using Berth.Runtime.Rootfs;

namespace Berth.UnitTests.Runtime;

public sealed class SecurePathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("berth-securepath").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Resolve_PlainPathStaysUnderRoot()
        => Assert.Equal($"{_root}/etc/hosts", SecurePath.Resolve(_root, "/etc/hosts"));

    [Fact]
    public void Resolve_DotDotCannotLeaveTheRoot()
        => Assert.Equal($"{_root}/etc", SecurePath.Resolve(_root, "/../../etc"));

    [Fact]
    public void Resolve_AbsoluteSymlinkIsReadFromTheContainerRoot()
    {
        Directory.CreateDirectory(Path.Combine(_root, "run"));
        Directory.CreateDirectory(Path.Combine(_root, "var"));
        File.CreateSymbolicLink(Path.Combine(_root, "var", "run"), "/run");
        Assert.Equal($"{_root}/run/docker.sock", SecurePath.Resolve(_root, "/var/run/docker.sock"));
    }

    [Fact]
    public void Resolve_RelativeSymlinkInsideIsFollowed()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        File.CreateSymbolicLink(Path.Combine(_root, "link"), "data/../data");
        Assert.Equal($"{_root}/data/x", SecurePath.Resolve(_root, "/link/x"));
    }

    [Fact]
    public void Resolve_RefusesRelativeSymlinkClimbingOut()
    {
        Directory.CreateDirectory(Path.Combine(_root, "a"));
        File.CreateSymbolicLink(Path.Combine(_root, "a", "escape"), "../../../etc");
        var e = Assert.Throws<RuntimeException>(() => SecurePath.Resolve(_root, "/a/escape/passwd"));
        Assert.Contains("escapes the container root", e.Message);
    }

    [Fact]
    public void Resolve_RefusesSymlinkLoops()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "loop"), "/loop");
        Assert.Throws<RuntimeException>(() => SecurePath.Resolve(_root, "/loop/x"));
    }

    [Fact]
    public void Resolve_DanglingSymlinkIsStillFollowed()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "dangling"), "/nowhere");
        Assert.Equal($"{_root}/nowhere/x", SecurePath.Resolve(_root, "/dangling/x"));
    }
}

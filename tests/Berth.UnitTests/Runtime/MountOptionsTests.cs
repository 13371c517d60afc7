using Berth.Runtime;
using Berth.Runtime.Rootfs;
using static Berth.Runtime.Interop.Libc;

namespace Berth.UnitTests.Runtime;

public sealed class MountOptionsTests
{
    [Fact]
    public void Parse_SplitsFlagsPropagationAndData()
    {
        var o = MountOptions.Parse(["nosuid", "noexec", "rprivate", "mode=755", "size=65536k", "ro"], "tmpfs");
        Assert.Equal(MS_NOSUID | MS_NOEXEC | MS_RDONLY, o.Flags);
        Assert.Equal(MS_PRIVATE | MS_REC, o.Propagation);
        Assert.Equal("mode=755,size=65536k", o.Data);
        Assert.False(o.Bind);
    }

    [Fact]
    public void Parse_LaterOptionWins()
    {
        var o = MountOptions.Parse(["ro", "rw"], "tmpfs");
        Assert.Equal(0UL, o.Flags & MS_RDONLY);
        Assert.Equal(MS_RDONLY, o.ClearedFlags & MS_RDONLY);
    }

    [Fact]
    public void Parse_RecognisesBindKinds()
    {
        Assert.True(MountOptions.Parse(null, "bind").Bind);
        var r = MountOptions.Parse(["rbind", "ro"], "none");
        Assert.True(r.Bind);
        Assert.True(r.Recursive);
    }

    [Fact]
    public void Parse_RefusesIdMappedMounts() => Assert.Throws<RuntimeException>(() => MountOptions.Parse(["idmap"], "bind"));

    [Fact]
    public void ParsePropagation_RefusesUnknown() => Assert.Throws<RuntimeException>(() => MountOptions.ParsePropagation("sideways"));
}

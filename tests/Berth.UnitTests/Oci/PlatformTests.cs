using System.Runtime.InteropServices;
using Berth.Oci.Image;

namespace Berth.UnitTests.Oci;

public sealed class PlatformTests
{
    [Fact]
    public void Current_UsesGoNames()
    {
        var current = Platform.Current;
        Assert.Equal("linux", current.Os);
        var expected = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            _ => current.Architecture,
        };
        Assert.Equal(expected, current.Architecture);
    }

    [Theory]
    [InlineData("linux", "amd64", null, "linux", "amd64", null, true)]
    [InlineData("linux", "amd64", "v3", "linux", "amd64", null, true)]
    [InlineData("linux", "arm64", null, "linux", "arm64", "v8", true)]
    [InlineData("linux", "arm", null, "linux", "arm", "v7", true)]
    [InlineData("linux", "arm", "v6", "linux", "arm", "v7", false)]
    [InlineData("windows", "amd64", null, "linux", "amd64", null, false)]
    [InlineData("linux", "386", null, "linux", "amd64", null, false)]
    public void Matches(string os, string arch, string? variant, string wantOs, string wantArch, string? wantVariant, bool matches)
        => Assert.Equal(matches, PlatformMatcher.Matches(
            new Platform { Os = os, Architecture = arch, Variant = variant },
            new Platform { Os = wantOs, Architecture = wantArch, Variant = wantVariant }));

    [Fact]
    public void Matches_NoPlatformNeverMatches() => Assert.False(PlatformMatcher.Matches(null, Platform.Current));
}

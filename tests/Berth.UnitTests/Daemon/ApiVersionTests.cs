using Berth.Daemon.Api;

namespace Berth.UnitTests.Daemon;

/// <summary>API version prefixes and Docker's too-old/too-new messages.</summary>
public sealed class ApiVersionTests
{
    [Theory]
    [InlineData("/v1.41/version", "1.41", "/version")]
    [InlineData("/v1.47/images/alpine/json", "1.47", "/images/alpine/json")]
    [InlineData("/v1.12", "1.12", "/")]
    [InlineData("/v2/_ping", "2", "/_ping")]
    public void SplitPrefix_SeparatesVersionAndPath(string path, string version, string rest)
        => Assert.Equal((version, rest), ApiVersion.SplitPrefix(path));

    [Theory]
    [InlineData("/version")]
    [InlineData("/_ping")]
    [InlineData("/vx/_ping")]
    [InlineData("/v1.41x/_ping")]
    [InlineData("/volumes")]
    public void SplitPrefix_LeavesUnversionedPathsAlone(string path) => Assert.Null(ApiVersion.SplitPrefix(path));

    [Theory]
    [InlineData("1.41")]
    [InlineData("1.44")]
    [InlineData("1.47")]
    public void Check_AcceptsServedVersions(string version) => Assert.Null(ApiVersion.Check(version));

    [Fact]
    public void Check_TooOld_HasDockersMessage()
        => Assert.Equal("client version 1.12 is too old. Minimum supported API version is 1.41, please upgrade your client to a newer version",
            ApiVersion.Check("1.12"));

    [Fact]
    public void Check_TooNew_HasDockersMessage()
        => Assert.Equal("client version 1.48 is too new. Maximum supported API version is 1.47", ApiVersion.Check("1.48"));

    [Theory]
    [InlineData("1.9", "1.41", -1)]
    [InlineData("1.41", "1.41.0", 0)]
    [InlineData("2.0", "1.47", 1)]
    public void Compare_IsNumeric(string a, string b, int sign) => Assert.Equal(sign, Math.Sign(ApiVersion.Compare(a, b)));
}

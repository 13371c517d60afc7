using Berth.Storage.Containers;

namespace Berth.UnitTests.Storage.Containers;

public sealed class ContainerPathTests
{
    [Theory]
    [InlineData("etc/motd", "/etc/motd")]
    [InlineData("/etc/", "/etc/")]
    [InlineData("/etc/.", "/etc/.")]
    [InlineData("/etc/./", "/etc/./")]
    [InlineData("/.", "/.")]
    [InlineData("/", "/")]
    [InlineData("/a/../../b", "/b")]
    [InlineData("//a//b/", "/a/b/")]
    public void Absolute_KeepsATrailingSlashOrDotAsDockerd(string path, string expected)
        => Assert.Equal(expected, ContainerPath.Absolute(path));

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/etc/", "etc")]
    [InlineData("/etc/.", ".")]
    [InlineData("/etc/motd", "motd")]
    public void Base_IsGosFilepathBase(string path, string expected) => Assert.Equal(expected, ContainerPath.Base(path));

    [Fact]
    public void Split_KeepsTheSlashOnTheDirectory() => Assert.Equal(("/etc/", "motd"), ContainerPath.Split("/etc/motd"));

    [Theory]
    [InlineData(0x41EDu, 0x800001EDu)]
    [InlineData(0xA1FFu, 0x080001FFu)]
    [InlineData(0x81A4u, 0x1A4u)]
    [InlineData(0x89EDu, 0x008001EDu)]
    [InlineData(0x43FFu, 0x801001FFu)]
    [InlineData(0x21B6u, 0x042001B6u)]
    public void GoFileMode_MovesTypeAndSpecialBitsWhereGoKeepsThem(uint unix, uint go)
        => Assert.Equal(go, ContainerPathStat.GoFileMode(unix));

    [Fact]
    public void StatHeader_IsBase64JsonWithDockersKeys()
    {
        var stat = new ContainerPathStat("motd", 286, 0x1A4, new DateTimeOffset(2026, 11, 25, 17, 25, 30, TimeSpan.Zero).AddTicks(8270888), "");

        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(stat.HeaderValue()));

        Assert.Equal("""{"name":"motd","size":286,"mode":420,"mtime":"2026-11-25T17:25:30.8270888Z","linkTarget":""}""", json);
    }
}

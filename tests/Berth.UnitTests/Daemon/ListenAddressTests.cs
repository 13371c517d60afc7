using System.Net;
using Berth.Daemon.Configuration;

namespace Berth.UnitTests.Daemon;

/// <summary>dockerd's -H syntax as berthd parses it.</summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("unix:///run/x.sock", "/run/x.sock")]
    [InlineData("unix://", "/run/berth/berthd.sock")]
    [InlineData("/tmp/y.sock", "/tmp/y.sock")]
    public void Unix(string text, string path)
    {
        var a = ListenAddress.Parse(text, tls: false);
        Assert.Equal(ListenKind.Unix, a.Kind);
        Assert.Equal(path, a.Path);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:2375", "127.0.0.1", 2375, true)]
    [InlineData("tcp://0.0.0.0:4243", "0.0.0.0", 4243, false)]
    [InlineData("tcp://[::1]:99", "::1", 99, true)]
    [InlineData("tcp://localhost:5", "127.0.0.1", 5, true)]
    [InlineData(":2380", "0.0.0.0", 2380, false)]
    public void Tcp(string text, string address, int port, bool loopback)
    {
        var a = ListenAddress.Parse(text, tls: false);
        Assert.Equal(ListenKind.Tcp, a.Kind);
        Assert.Equal(IPAddress.Parse(address), a.Address);
        Assert.Equal(port, a.Port);
        Assert.Equal(loopback, a.IsLoopback);
    }

    [Fact]
    public void Tcp_DefaultPortDependsOnTls()
    {
        Assert.Equal(2375, ListenAddress.Parse("tcp://127.0.0.1", tls: false).Port);
        Assert.Equal(2376, ListenAddress.Parse("tcp://127.0.0.1", tls: true).Port);
    }

    [Theory]
    [InlineData("fd://", "socket activation")]
    [InlineData("npipe:////./pipe/docker", "unsupported protocol")]
    [InlineData("tcp://127.0.0.1:99999", "invalid port")]
    [InlineData("tcp://example.com:2375", "not an IP address")]
    [InlineData("tcp://127.0.0.1:2375/path", "should not contain a path element")]
    [InlineData("unix://relative.sock", "must be absolute")]
    public void Invalid(string text, string message)
        => Assert.Contains(message, Assert.Throws<StartupError>(() => ListenAddress.Parse(text, tls: false)).Message);
}

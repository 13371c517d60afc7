using Berth.Daemon.Api.Routing;
using Berth.Daemon.Machine;

namespace Berth.UnitTests.Daemon;

/// <summary>Route templates, the 501 catalogue and os-release parsing.</summary>
public sealed class RouteTemplateTests
{
    [Fact]
    public void Parameters_AreCaptured()
        => Assert.Equal("abc", new RouteTemplate("/containers/{id}/json").Match("/containers/abc/json")!["id"]);

    [Fact]
    public void Greedy_TakesNamesWithSlashes()
    {
        var t = new RouteTemplate("/images/{name*}/json");
        Assert.Equal("docker.io/library/alpine:3.20", t.Match("/images/docker.io/library/alpine:3.20/json")!["name"]);
        Assert.Null(t.Match("/images/json"));
        Assert.Equal("alpine", new RouteTemplate("/images/{name*}").Match("/images/alpine")!["name"]);
    }

    [Theory]
    [InlineData("/containers/abc/json/x")]
    [InlineData("/containers/abc")]
    [InlineData("/container/abc/json")]
    public void Mismatches(string path) => Assert.Null(new RouteTemplate("/containers/{id}/json").Match(path));

    [Fact]
    public void UnimplementedEndpoints_CoverTheMainGroups()
    {
        var templates = UnimplementedEndpoints.All.Select(e => $"{e.Method} {e.Template}").ToHashSet();
        foreach (var expected in new[] { "GET /containers/{id}/attach/ws", "POST /images/{name*}/push", "GET /networks", "GET /volumes", "POST /build",
                     "POST /auth" })
            Assert.Contains(expected, templates);
    }

    [Fact]
    public void OsRelease_ReadsPrettyNameAndVersion()
    {
        var r = OsRelease.Parse("NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n# comment\n");
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", r.PrettyName);
        Assert.Equal("12", r.VersionId);
    }
}

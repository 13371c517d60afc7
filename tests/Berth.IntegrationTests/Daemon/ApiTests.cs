using System.Net;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Daemon;

/// <summary>The Engine API basics over the unix socket: ping, version, version prefixes, 404 and 501 shapes, files on disk.</summary>
public sealed class ApiTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private readonly DaemonProcess _daemon = fixture.Daemon;

    private async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpMethod method, string path)
    {
        using var http = UnixHttp.For(_daemon.Socket);
        var response = await http.SendAsync(new HttpRequestMessage(method, path));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string Header(HttpResponseMessage r, string name)
        => r.Headers.NonValidated.TryGetValues(name, out var v) ? v.ToString()
            : r.Content.Headers.NonValidated.TryGetValues(name, out var c) ? c.ToString() : "";

    private static string Message(string body) => JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Ping_AnswersOkWithDockersHeaders(string method)
    {
        var (r, body) = await SendAsync(new HttpMethod(method), "/_ping");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(method == "GET" ? "OK" : "", body);
        Assert.Equal("1.47", Header(r, "Api-Version"));
        Assert.Equal("false", Header(r, "Docker-Experimental"));
        Assert.Equal("linux", Header(r, "Ostype"));
        Assert.Matches(@"^Berth/\d+\.\d+\.\d+ \(linux\)$", Header(r, "Server"));
        Assert.Equal("no-cache, no-store, must-revalidate", Header(r, "Cache-Control"));
        Assert.Equal("no-cache", Header(r, "Pragma"));
    }

    [Fact]
    public async Task Version_HasDockersShape()
    {
        var (r, body) = await SendAsync(HttpMethod.Get, "/v1.41/version");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var v = JsonDocument.Parse(body).RootElement;
        Assert.Equal("1.47", v.GetProperty("ApiVersion").GetString());
        Assert.Equal("1.41", v.GetProperty("MinAPIVersion").GetString());
        Assert.Equal("linux", v.GetProperty("Os").GetString());
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), v.GetProperty("KernelVersion").GetString());
        var engine = v.GetProperty("Components")[0];
        Assert.Equal("Engine", engine.GetProperty("Name").GetString());
        Assert.Equal(v.GetProperty("Version").GetString(), engine.GetProperty("Version").GetString());
        Assert.Equal("1.47", engine.GetProperty("Details").GetProperty("ApiVersion").GetString());
        Assert.False(string.IsNullOrEmpty(v.GetProperty("Platform").GetProperty("Name").GetString()));
    }

    [Fact]
    public async Task Info_ReportsRealHostFacts()
    {
        var (r, body) = await SendAsync(HttpMethod.Get, "/v1.47/info");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var i = JsonDocument.Parse(body).RootElement;
        Assert.Equal(0, i.GetProperty("Containers").GetInt32());
        Assert.Equal(0, i.GetProperty("Images").GetInt32());
        Assert.Contains(i.GetProperty("Driver").GetString(), new[] { "overlay2", "vfs" });
        Assert.Equal(_daemon.DataRoot, i.GetProperty("DockerRootDir").GetString());
        Assert.Equal(Environment.ProcessorCount, i.GetProperty("NCPU").GetInt32());
        Assert.Equal(File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "2" : "1", i.GetProperty("CgroupVersion").GetString());
        Assert.Equal("cgroupfs", i.GetProperty("CgroupDriver").GetString());
        Assert.Equal("berth-runtime", i.GetProperty("DefaultRuntime").GetString());
        Assert.Equal(Environment.MachineName, i.GetProperty("Name").GetString());
        Assert.True(i.GetProperty("MemTotal").GetInt64() > 0);
        Assert.Equal(Guid.Parse(File.ReadAllText(Path.Combine(_daemon.DataRoot, "engine-id"))).ToString(), i.GetProperty("ID").GetString());
    }

    [Theory]
    [InlineData("/v1.12/version", "client version 1.12 is too old. Minimum supported API version is 1.41, please upgrade your client to a newer version")]
    [InlineData("/v1.48/version", "client version 1.48 is too new. Maximum supported API version is 1.47")]
    public async Task UnsupportedVersions_Are400(string path, string message)
    {
        var (r, body) = await SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        Assert.Equal(message, Message(body));
        Assert.Equal("1.47", Header(r, "Api-Version"));
    }

    [Theory]
    [InlineData("GET", "/nope")]
    [InlineData("GET", "/v1.44/nope/deeper")]
    [InlineData("DELETE", "/_ping")]
    [InlineData("POST", "/containers/abc/frobnicate")]
    public async Task UnknownRoutes_Are404PageNotFound(string method, string path)
    {
        var (r, body) = await SendAsync(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("page not found", Message(body));
        Assert.StartsWith("Berth/", Header(r, "Server"));
    }

    [Theory]
    [InlineData("GET", "/v1.47/containers/abc/attach/ws", "berthd does not implement GET /containers/{id}/attach/ws yet")]
    [InlineData("GET", "/volumes", "berthd does not implement GET /volumes yet")]
    [InlineData("POST", "/v1.41/images/docker.io/library/alpine:3.20/push", "berthd does not implement POST /images/{name*}/push yet")]
    [InlineData("GET", "/networks", "berthd does not implement GET /networks yet")]
    [InlineData("POST", "/volumes/create", "berthd does not implement POST /volumes/create yet")]
    [InlineData("POST", "/build", "berthd does not implement POST /build yet")]
    [InlineData("POST", "/auth", "berthd does not implement POST /auth yet")]
    [InlineData("GET", "/swarm", "berthd does not implement GET /swarm yet")]
    public async Task KnownButMissingEndpoints_Are501(string method, string path, string message)
    {
        var (r, body) = await SendAsync(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.NotImplemented, r.StatusCode);
        Assert.Equal(message, Message(body));
    }

    [Fact]
    public void Disk_PidFileSocketAndDataRoot()
    {
        Assert.Equal(_daemon.Pid.ToString(), File.ReadAllText(_daemon.PidFile).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(_daemon.Socket));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(_daemon.DataRoot));
        Assert.True(Directory.Exists(Path.Combine(_daemon.DataRoot, "tmp")));
    }
}

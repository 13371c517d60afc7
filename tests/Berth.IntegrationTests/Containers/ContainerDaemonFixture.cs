using System.Formats.Tar;
using System.Net;
using System.Text;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Containers;

/// <summary>A private berthd with busybox loaded (tagged busybox:latest too), and Engine API calls for container tests.</summary>
public sealed class ContainerDaemonFixture : IDisposable
{
    internal DaemonProcess Daemon { get; } = DaemonProcess.StartReady();

    /// <summary>Loads busybox from the shared OCI layout.</summary>
    public ContainerDaemonFixture() => LoadBusybox(Daemon);

    /// <summary>Loads busybox into a daemon and tags it busybox:latest.</summary>
    internal static void LoadBusybox(DaemonProcess daemon)
    {
        var tar = Path.Combine(daemon.Dir, "busybox.tar");
        TarFile.CreateFromDirectory(Path.Combine(TestPaths.ImagesDir, "busybox-1.37-oci"), tar, includeBaseDirectory: false);
        using var http = UnixHttp.For(daemon.Socket);
        using (var body = File.OpenRead(tar))
        {
            var load = http.PostAsync("/images/load?quiet=1", new StreamContent(body)).GetAwaiter().GetResult();
            if (!load.IsSuccessStatusCode) throw new InvalidOperationException("load failed: " + load.Content.ReadAsStringAsync().Result);
        }
        var tag = http.PostAsync("/images/busybox:1.37.0-glibc/tag?repo=busybox&tag=latest", null).GetAwaiter().GetResult();
        if (tag.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException("tag failed");
    }

    /// <summary>Sends a request; the body (if any) is JSON.</summary>
    internal Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, string? json = null)
        => SendAsync(Daemon, method, path, json);

    /// <summary>Sends a request to a daemon; the body (if any) is JSON.</summary>
    internal static async Task<(HttpStatusCode Status, string Body)> SendAsync(DaemonProcess daemon, HttpMethod method, string path, string? json = null)
    {
        using var http = UnixHttp.For(daemon.Socket);
        http.Timeout = TimeSpan.FromSeconds(90);
        var request = new HttpRequestMessage(method, path);
        if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a container from a create body; returns its ID.</summary>
    internal async Task<string> CreateAsync(string body, string? name = null)
    {
        var (status, text) = await SendAsync(HttpMethod.Post, "/containers/create" + (name is null ? "" : "?name=" + name), body);
        if (status != HttpStatusCode.Created) throw new InvalidOperationException($"create: {status} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("Id").GetString()!;
    }

    /// <summary>The inspect document of a container.</summary>
    internal async Task<JsonElement> InspectAsync(string id)
    {
        var (status, text) = await SendAsync(HttpMethod.Get, $"/containers/{id}/json");
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"inspect: {status} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The "message" of an error body.</summary>
    internal static string Message(string body) => JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;

    public void Dispose() => Daemon.Dispose();
}

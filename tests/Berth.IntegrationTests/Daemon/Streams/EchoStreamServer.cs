using System.Text;
using System.Text.Json;
using Berth.Daemon.Api;
using Berth.Daemon.Api.Streams;
using Berth.Daemon.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.IntegrationTests.Daemon.Streams;

/// <summary>
/// A tiny Kestrel app on a unix socket, wired like berthd (UseDockerHijack), whose attach and exec start echo stdin back as
/// stdout and, once stdin ends, say so on stderr: enough to drive the hijack pieces with the bytes real clients send.
/// </summary>
public sealed class EchoStreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dir;

    private EchoStreamServer(WebApplication app, string dir, string socket)
    {
        _app = app;
        _dir = dir;
        SocketPath = socket;
    }

    /// <summary>The unix socket the app listens on.</summary>
    public string SocketPath { get; }

    /// <summary>What the echo handlers write on stderr after stdin ended.</summary>
    public const string StdinClosed = "stdin closed\n";

    /// <summary>Starts the app on a fresh socket.</summary>
    public static async Task<EchoStreamServer> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("berth-streams-").FullName;
        var socket = Path.Combine(dir, "s.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.ListenUnixSocket(socket, o => o.UseDockerHijack());
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync();
        return new EchoStreamServer(app, dir, socket);
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var (version, path) = ApiVersion.SplitPrefix(context.Request.Path.Value!) ?? (ApiVersion.Maximum, context.Request.Path.Value!);
        if (path == "/_ping")
        {
            if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.WriteAsync("OK");
            return;
        }
        // Just enough of the Engine API around the streams for the real CLIs to get to them.
        if (Canned(path) is { } json)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
            return;
        }
        if (path.EndsWith("/exec", StringComparison.Ordinal))
        {
            var create = await JsonDocument.ParseAsync(context.Request.Body);
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            var tty = create.RootElement.TryGetProperty("Tty", out var t) && t.GetBoolean();
            await context.Response.WriteAsync($"{{\"Id\":\"{(tty ? "tty" : "plain")}\"}}\n");
            return;
        }
        if (path.StartsWith("/exec/", StringComparison.Ordinal) && path.EndsWith("/start", StringComparison.Ordinal))
        {
            var start = await JsonDocument.ParseAsync(HijackedConnection.RequestBody(context));
            if (path.Contains("/missing/"))
            {
                context.Response.StatusCode = 404;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"message\":\"No such exec instance: missing\"}\n");
                return;
            }
            await EchoAsync(context, start.RootElement.GetProperty("Tty").GetBoolean(), version);
            return;
        }
        if (path.EndsWith("/attach", StringComparison.Ordinal))
        {
            if (path.Contains("/missing/"))
            {
                await HijackedConnection.RefuseAttachAsync(context, new NotFoundError("No such container: missing"));
                return;
            }
            await EchoAsync(context, path.Contains("/tty/"), version);
            return;
        }
        context.Response.StatusCode = 404;
    }

    private static string? Canned(string path)
    {
        if (path.StartsWith("/containers/", StringComparison.Ordinal) && path.EndsWith("/json", StringComparison.Ordinal))
            return "{\"Id\":\"" + new string('c', 64) + "\",\"Name\":\"/x\",\"State\":{\"Running\":true,\"Status\":\"running\"},"
                + "\"Config\":{\"Tty\":false,\"OpenStdin\":true,\"AttachStdin\":true},\"HostConfig\":{}}";
        if (path.StartsWith("/containers/", StringComparison.Ordinal) && path.EndsWith("/wait", StringComparison.Ordinal)) return "{\"StatusCode\":0}\n";
        if (path.StartsWith("/exec/", StringComparison.Ordinal) && path.EndsWith("/json", StringComparison.Ordinal))
            return "{\"ID\":\"plain\",\"Running\":false,\"ExitCode\":0,\"ProcessConfig\":{\"tty\":false}}";
        return null;
    }

    private static async Task EchoAsync(HttpContext context, bool tty, string version)
    {
        await using var stream = await HijackedConnection.AcceptAsync(context, tty, version);
        var buffer = new byte[4096];
        int n;
        while ((n = await stream.Input.ReadAsync(buffer)) > 0) await stream.Output.WriteAsync(StdStream.Stdout, buffer.AsMemory(0, n));
        // Output after the client's half-close must still arrive.
        await Task.Delay(100);
        await stream.Output.WriteAsync(StdStream.Stderr, Encoding.ASCII.GetBytes(StdinClosed));
    }

    /// <summary>Stops the app and removes its socket folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

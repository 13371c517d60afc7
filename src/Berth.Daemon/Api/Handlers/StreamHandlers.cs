using System.Text;
using System.Text.Json;
using Berth.Daemon.Api.Models;
using Berth.Daemon.Api.Routing;
using Berth.Daemon.Api.Streams;
using Berth.Daemon.Containers.Exec;
using Berth.Daemon.Containers.Lifecycle;
using Berth.Daemon.Containers.Monitor;
using Berth.Daemon.Containers.Store;
using Berth.Daemon.Errors;
using Berth.Monitor.Logs;

namespace Berth.Daemon.Api.Handlers;

/// <summary>The stream endpoints: attach, logs, exec start and the two resizes. Output comes from berth-monitor (live)
/// and from the log files (history); stdin goes to the monitor.</summary>
public sealed class StreamHandlers(ContainerService containers, ExecService execs)
{
    /// <summary>Registers the routes.</summary>
    public void Map(Router router) => router
        .Map("POST", "/containers/{id}/attach", AttachAsync)
        .Map("GET", "/containers/{id}/logs", LogsAsync)
        .Map("POST", "/containers/{id}/resize", ResizeContainerAsync)
        .Map("POST", "/exec/{id}/start", ExecStartAsync)
        .Map("POST", "/exec/{id}/resize", ResizeExecAsync);

    private async Task AttachAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var q = context.Request.Query;
        var c = containers.Store.Resolve(p["id"]);
        if (c.State.Paused) throw new ConflictError($"You cannot attach to a paused container, unpause it first");
        if (c.State.Restarting) throw new ConflictError($"You cannot attach to a restarting container, wait until it is running");
        var keys = DetachKeys.ForAttach(q["detachKeys"]);
        bool wantStdin = QueryFlags.IsTrue(q["stdin"]) && c.Config.OpenStdin, wantStdout = QueryFlags.IsTrue(q["stdout"]), wantStderr = QueryFlags.IsTrue(q["stderr"]);
        var stream = QueryFlags.IsTrue(q["stream"]);
        // Subscribe before answering: the docker CLI starts the container as soon as it sees the answer, and the
        // first bytes must not be lost. A container that ran and stopped has nothing more to say.
        var live = stream && (c.State.Running || !c.HasBeenStarted);
        await using var output = live ? await containers.Monitor.SubscribeAsync(c.Id, context.RequestAborted) : null;
        // Before answering too: `docker run` starts the container on the answer, and its "attach" precedes "start".
        containers.Events.Publish("attach", c);
        await using var conn = await HijackedConnection.AcceptAsync(context, c.Config.Tty, ApiContext.ApiVersionOf(context));
        if (QueryFlags.IsTrue(q["logs"]) && LogSource(c) is { } log)
            await foreach (var m in LogReader.ReadAsync(log.Driver, log.Path, new LogReadOptions(), context.RequestAborted))
                await Write(conn.Output, m.Stream == LogStream.Stderr ? OutputStream.Stderr : OutputStream.Stdout, m.Data, wantStdout, wantStderr, context.RequestAborted);
        if (output is null) return;
        using var detached = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var input = wantStdin && conn.Upgraded ? PumpStdinAsync(c.Id, conn.Input, keys, c.Config.StdinOnce, detached) : Task.FromResult(false);
        await PumpOutputAsync(output, conn.Output, wantStdout, wantStderr, detached.Token);
        await detached.CancelAsync();
        try { if (await input) containers.Events.Publish("detach", c); } catch (OperationCanceledException) { }
    }

    private async Task ExecStartAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var session = execs.Get(p["id"]);
        using var body = new MemoryStream();
        await HijackedConnection.RequestBody(context).CopyToAsync(body, context.RequestAborted);
        var start = body.Length == 0 ? new ExecStartRequest()
            : JsonSerializer.Deserialize(body.ToArray(), ApiJsonContext.Api.ExecStartRequest) ?? new ExecStartRequest();
        if (start.Detach)
        {
            await execs.StartAsync(session);
            context.Response.StatusCode = 200;
            return;
        }
        var r = session.Request;
        var keys = DetachKeys.ForExec(r.DetachKeys);
        await using var output = await containers.Monitor.SubscribeAsync(session.Id, context.RequestAborted);
        var c = execs.Claim(session);
        // As dockerd, answer before the process starts: a client that reads the answer's head through a buffered reader
        // and then takes the raw socket (docker-py) loses any output that arrived with the head.
        await using var conn = await HijackedConnection.AcceptAsync(context, r.Tty, ApiContext.ApiVersionOf(context));
        try { await execs.LaunchAsync(session, c); }
        catch (BerthError e)
        {
            // Once the answer is out, dockerd reports a failed start inside the stream, as text on stdout.
            await conn.Output.WriteAsync(StdStream.Stdout, Encoding.UTF8.GetBytes(e.Message + "\r\n"), context.RequestAborted);
            return;
        }
        using var detached = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var input = r.AttachStdin && conn.Upgraded ? PumpStdinAsync(session.Id, conn.Input, keys, closeOnEnd: true, detached) : Task.FromResult(false);
        if (await PumpOutputAsync(output, conn.Output, r.AttachStdout, r.AttachStderr, detached.Token))
            await AwaitExitAsync(session, context.RequestAborted);
        await detached.CancelAsync();
        try { await input; } catch (OperationCanceledException) { }
    }

    private async Task LogsAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var query = LogQuery.Parse(context.Request.Query);
        var c = containers.Store.Resolve(p["id"]);
        var (since, until) = query.Window();
        var log = LogSource(c) ?? throw new NotImplementedError($"configured logging driver does not support reading");
        // Following ends when the container stops (or the client leaves), as dockerd's does: the monitor reports an exit
        // once the output is all in the log, and the reader reads to its end when told to stop. The wait is registered
        // before the state is read again, so an exit in between cannot leave the follower waiting for the next one.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var exited = query.Follow && c.State.Running ? containers.Waits.Next(c.Id, removal: false) : null;
        var follow = exited != null && containers.Store.Resolve(c.Id).State.Running;
        if (follow) _ = exited!.ContinueWith(_ => stop.Cancel(), TaskScheduler.Default);
        context.Response.StatusCode = 200;
        context.Response.ContentType = HijackedConnection.ContentType(c.Config.Tty, ApiContext.ApiVersionOf(context));
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var writer = new StreamFrameWriter(context.Response.Body, multiplexed: !c.Config.Tty);
        var options = new LogReadOptions(since is { } s ? new DateTimeOffset(s, TimeSpan.Zero) : null, until is { } u ? new DateTimeOffset(u, TimeSpan.Zero) : null,
            query.TailLines ?? -1, follow);
        var attributes = query.Details ? c.Config.Labels : null;
        try
        {
            await foreach (var m in LogReader.ReadAsync(log.Driver, log.Path, options, stop.Token))
            {
                var line = LogLineFormat.Format(m.Data.Span, m.Time.UtcDateTime, attributes, query.Timestamps, query.Details);
                await Write(writer, m.Stream == LogStream.Stderr ? OutputStream.Stderr : OutputStream.Stdout, line, query.Stdout, query.Stderr, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested) { }
    }

    private async Task ResizeContainerAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var c = containers.Store.Resolve(p["id"]);
        if (!c.State.Running) throw new ConflictError($"Container {c.Id} is not running");
        await containers.Monitor.ResizeAsync(c.Id, RequestJson.QueryInt(context, "h") ?? 0, RequestJson.QueryInt(context, "w") ?? 0, context.RequestAborted);
        context.Response.StatusCode = 200;
    }

    private async Task ResizeExecAsync(HttpContext context, IReadOnlyDictionary<string, string> p)
    {
        var session = execs.Get(p["id"]);
        if (!session.Running) throw new ConflictError($"Exec {session.Id} is not running");
        await containers.Monitor.ResizeAsync(session.Id, RequestJson.QueryInt(context, "h") ?? 0, RequestJson.QueryInt(context, "w") ?? 0, context.RequestAborted);
        context.Response.StatusCode = 200;
    }

    // stdin until the client closes its side (or types the detach keys: then the attach ends, the process goes on,
    // and the answer is true).
    private async Task<bool> PumpStdinAsync(string key, Stream input, byte[] keys, bool closeOnEnd, CancellationTokenSource detach)
    {
        var filter = new DetachKeyFilter(input, keys);
        await using (var stdin = await containers.Monitor.OpenStdinAsync(key, closeOnEnd, detach.Token))
        {
            var buffer = new byte[16 * 1024];
            int n;
            while ((n = await filter.ReadAsync(buffer, detach.Token)) > 0)
                await stdin.WriteAsync(buffer.AsMemory(0, n), detach.Token);
        }
        if (filter.Detached) await detach.CancelAsync();
        return filter.Detached;
    }

    // True when the output reached its end marker (the process exited and its output is drained), false when the client
    // detached or went away.
    private static async Task<bool> PumpOutputAsync(IOutputSubscription output, StreamFrameWriter writer, bool stdout, bool stderr, CancellationToken cancel)
    {
        try
        {
            while (await output.ReadAsync(cancel) is { } chunk)
                await Write(writer, chunk.Stream, chunk.Data, stdout, stderr, cancel);
            return true;
        }
        catch (OperationCanceledException) { return false; }
        catch (IOException) { return false; }
    }

    // dockerd records an exec's exit code before it ends the stream, and clients inspect the exec as soon as the stream
    // ends (docker exec for its exit status, docker-py's exec_run): the exit, already known to the monitor, is awaited.
    // Bounded, so that a lost exit notice cannot hold the client forever.
    private static async Task AwaitExitAsync(ExecSession session, CancellationToken cancel)
    {
        try { await session.Exited.Task.WaitAsync(TimeSpan.FromSeconds(30), cancel); }
        catch (TimeoutException) { }
        catch (OperationCanceledException) { }
    }

    private static ValueTask Write(StreamFrameWriter writer, OutputStream stream, ReadOnlyMemory<byte> data, bool stdout, bool stderr, CancellationToken cancel)
    {
        if (stream == OutputStream.Stderr ? !stderr : !stdout) return ValueTask.CompletedTask;
        return writer.WriteAsync(stream == OutputStream.Stderr ? StdStream.Stderr : StdStream.Stdout, data, cancel);
    }

    private (string Driver, string Path)? LogSource(ContainerRecord c)
    {
        var settings = LogOptions.Settings(c.HostConfig, containers.Paths, c.Id);
        return settings.Path is { } path ? (settings.Driver, path) : null;
    }
}

using System.Text.Json;
using Berth.Monitor.Output;
using Berth.Monitor.Processes;
using Berth.Monitor.Protocol;

namespace Berth.Monitor.Server;

/// <summary>Carries out one request per connection (see Protocol/PROTOCOL.md).</summary>
internal sealed class RequestHandler(ProcessTable table, Launcher launcher, ExitStore exits)
{
    /// <summary>Reads the request line, answers it, and for the streaming ops streams until either side ends.</summary>
    internal async Task HandleAsync(Stream connection)
    {
        var lines = new LineReader(connection);
        MonitorRequest? request;
        try { request = await lines.ReadAsync(MonitorJson.Default.MonitorRequest, CancellationToken.None); }
        catch (JsonException e) { await ReplyAsync(connection, new MonitorReply { Error = $"bad request: {e.Message}" }); return; }
        if (request == null) return;
        try
        {
            switch (request.Op)
            {
                case "start": await ReplyAsync(connection, new MonitorReply { Pid = await launcher.StartContainerAsync(request) }); break;
                case "exec": await ReplyAsync(connection, new MonitorReply { Pid = await launcher.StartExecAsync(request) }); break;
                case "subscribe": await SubscribeAsync(connection, request); break;
                case "stdin": await StdinAsync(connection, lines, request); break;
                case "resize": table.Find(Launcher.ValidKey(request.Key))?.Resize(request.Height, request.Width); await ReplyAsync(connection, new()); break;
                case "list": await ReplyAsync(connection, new MonitorReply { Processes = List() }); break;
                case "watch": await WatchAsync(connection); break;
                case "ack": Acknowledge(Launcher.ValidKey(request.Key)); await ReplyAsync(connection, new()); break;
                default: throw new MonitorException($"unknown op \"{request.Op}\"");
            }
        }
        catch (MonitorException e)
        {
            await ReplyAsync(connection, new MonitorReply { Error = e.Message });
        }
    }

    private List<ProcessRecord> List()
    {
        var running = table.List();
        var known = running.Select(p => p.Key).ToHashSet();
        // Exits recorded by an earlier monitor (or for entries already forgotten) still wait for their acknowledgement.
        running.AddRange(exits.All().Where(e => !known.Contains(e.Key)).Select(e => new ProcessRecord(e.Key, e.Pid, e)));
        return running;
    }

    private void Acknowledge(string key)
    {
        exits.Acknowledge(key);
        table.Forget(key);
    }

    private static async Task SubscribeAsync(Stream connection, MonitorRequest request, ProcessTable table)
    {
        var entry = table.ForAttach(Launcher.ValidKey(request.Key));
        var subscriber = new Subscriber(connection);
        await ReplyAsync(connection, new());
        if (!entry.Output.Subscribe(subscriber)) subscriber.Complete();
        await subscriber.RunAsync(CancellationToken.None);
    }

    private Task SubscribeAsync(Stream connection, MonitorRequest request) => SubscribeAsync(connection, request, table);

    private async Task StdinAsync(Stream connection, LineReader lines, MonitorRequest request)
    {
        var entry = table.ForAttach(Launcher.ValidKey(request.Key));
        await ReplyAsync(connection, new());
        // stdin attached before the start (docker run -i) waits for the process; a failed start just ends it.
        try { await entry.Started; }
        catch (Exception) { return; }
        var open = lines.Leftover.Length == 0 || entry.WriteStdin(lines.Leftover.Span);
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while (open && (n = await connection.ReadAsync(buffer)) > 0)
                open = await Task.Run(() => entry.WriteStdin(buffer.AsSpan(0, n)));
        }
        catch (IOException) { }
        finally
        {
            if (request.CloseOnEnd) entry.CloseStdin();
        }
    }

    private async Task WatchAsync(Stream connection)
    {
        var (feed, leave) = exits.Watch();
        using (leave)
        {
            await ReplyAsync(connection, new());
            using var gone = new CancellationTokenSource();
            _ = Task.Run(async () =>
            {
                try { while (await connection.ReadAsync(new byte[1]) > 0) { } }
                catch (Exception) { }
                await gone.CancelAsync();
            });
            try
            {
                await foreach (var exit in feed.ReadAllAsync(gone.Token))
                    await Wire.WriteLineAsync(connection, exit, MonitorJson.Default.ExitRecord, gone.Token);
            }
            catch (OperationCanceledException) { }
        }
    }

    private static Task ReplyAsync(Stream connection, MonitorReply reply)
        => Wire.WriteLineAsync(connection, reply, MonitorJson.Default.MonitorReply, CancellationToken.None);
}

using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth run`: create, attach before start (as docker does, so no output is lost), start, then wait for the
/// exit status, which becomes berth's own; failures exit 125, 126 (cannot execute) or 127 (not found).</summary>
public static class RunCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth run")
    {
        if (args.Count > 0 && args[0] is "--help" or "-h") { context.Out.Write(ContainerHelp.For(ContainerHelp.Run, command)); return 0; }
        // The ping that negotiates the API version goes out now, to be answered while the flags are parsed; its
        // failure (an unreachable daemon) surfaces at the first request, after any usage error.
        _ = context.Client.ApiVersionAsync();
        var options = CreateOptions.Parse(args, command, isRun: true, Environment.GetEnvironmentVariable);
        if (options.Detach && options.AttachNamed) throw new CliError("conflicting options: cannot specify both --attach and --detach", 1);
        try
        {
            return await RunParsedAsync(context, options);
        }
        catch (CliError e) when (e is not (UsageError or ArgumentsError) && e.Message != "the input device is not a TTY")
        {
            var message = e.Message;
            throw new CliError($"berth: {message}\n\nRun '{command} --help' for more information", StatusFor(message));
        }
    }

    /// <summary>Docker's toStatusError: 127 when the command was not found, 126 when it cannot be executed, else 125.</summary>
    public static int StatusFor(string message)
    {
        if (message.Contains("executable file not found") || message.Contains("no such file or directory") ||
            message.Contains("system cannot find the file specified")) return 127;
        if (message.Contains("permission denied") || message.Contains("is a directory")) return 126;
        return 125;
    }

    private static async Task<int> RunParsedAsync(CliContext context, CreateOptions options)
    {
        var stdinAttached = options.Interactive && options.AttachStdin;
        if (stdinAttached && options.Tty && !Terminal.IsTerminal(0)) throw new CliError("the input device is not a TTY", 1);
        if (options.Tty && Terminal.IsTerminal(1) && Terminal.Size(1) is { } size && options.Body["HostConfig"] is JsonObject host)
            host["ConsoleSize"] = new JsonArray(size.Rows, size.Columns);
        var id = await CreateCommand.CreateAsync(context, options);
        if (options.Detach)
        {
            await StartAsync(context, id);
            context.Out.WriteLine(id);
            return 0;
        }

        // Attach and wait go out together, on connections of their own; both are in place before the start.
        var attaching = context.Client.HijackAsync($"/containers/{id}/attach" +
            Attacher.AttachQuery(stdinAttached, options.DetachKeys, options.AttachStdout, options.AttachStderr), null);
        var condition = options.AutoRemove ? "removed" : "next-exit";
        var waiting = context.Client.OpenAsync(HttpMethod.Post, $"/containers/{id}/wait?condition={condition}");
        try { await Task.WhenAll(attaching, waiting); }
        catch
        {
            if (attaching.IsCompletedSuccessfully) attaching.Result.Dispose();
            if (waiting.IsCompletedSuccessfully) waiting.Result.Dispose();
            throw; // attach's error first, as docker, which sends the wait only after the attach

        }
        using var connection = attaching.Result;
        using var wait = waiting.Result;
        var streaming = Attacher.StreamAsync(context, connection, options.Tty, stdinAttached, options.DetachKeys);
        await StartAsync(context, id);
        using var resize = options.Tty ? await Attacher.FollowSizeAsync(context, $"/containers/{id}/resize") : null;
        using var signals = options.SigProxy && !options.Tty ? Attacher.ProxySignals(context, id) : null;
        if (await streaming == AttachEnd.Detached) return 0;
        return await WaitCommand.StatusAsync(wait);
    }

    private static async Task StartAsync(CliContext context, string id) =>
        await context.Client.RequestAsync(HttpMethod.Post, $"/containers/{id}/start", null);
}

using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth start`: starts containers; with -a one container is attached first and its exit status returned.</summary>
public static class StartCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth start")
    {
        var flags = Batch.Parse(new FlagSet(command).Bool("attach", 'a').Bool("interactive", 'i').Value("detach-keys")
            .Value("checkpoint").Value("checkpoint-dir"), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Start, command)); return 0; }
        if (flags.IsOn("attach") || flags.IsOn("interactive"))
        {
            if (flags.Arguments.Count > 1) throw new CliError("you cannot start and attach multiple containers at once", 1);
            return await StartAttachedAsync(context, flags.Arguments[0], flags.IsOn("interactive"), flags.Get("detach-keys"));
        }
        var failed = new List<string>();
        foreach (var name in flags.Arguments)
        {
            try
            {
                await context.Client.RequestAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(name)}/start", null);
                context.Out.WriteLine(name);
            }
            catch (CliError e)
            {
                context.Err.WriteLine(e.Message);
                failed.Add(name);
            }
        }
        if (failed.Count > 0) throw new CliError("Error: failed to start containers: " + string.Join(", ", failed), 1);
        return 0;
    }

    private static async Task<int> StartAttachedAsync(CliContext context, string name, bool interactive, string? detachKeys)
    {
        var container = await context.Client.GetJsonAsync($"/containers/{Uri.EscapeDataString(name)}/json") as JsonObject
            ?? throw new CliError("Error: No such container: " + name, 1);
        var id = container["Id"]!.ToString();
        var tty = container["Config"]?["Tty"]?.GetValue<bool>() == true;
        var stdin = interactive && container["Config"]?["OpenStdin"]?.GetValue<bool>() == true;
        if (stdin && tty && !Terminal.IsTerminal(0)) throw new CliError("the input device is not a TTY", 1);
        detachKeys ??= null;
        using var connection = await context.Client.HijackAsync($"/containers/{id}/attach" + Attacher.AttachQuery(stdin, detachKeys), null);
        var autoRemove = container["HostConfig"]?["AutoRemove"]?.GetValue<bool>() == true;
        using var wait = await context.Client.OpenAsync(HttpMethod.Post, $"/containers/{id}/wait?condition={(autoRemove ? "removed" : "next-exit")}");
        var streaming = Attacher.StreamAsync(context, connection, tty, stdin, detachKeys);
        await context.Client.RequestAsync(HttpMethod.Post, $"/containers/{id}/start", null);
        using var resize = tty ? await Attacher.FollowSizeAsync(context, $"/containers/{id}/resize") : null;
        using var signals = tty ? null : Attacher.ProxySignals(context, id);
        if (await streaming == AttachEnd.Detached) return 0;
        return await WaitCommand.StatusAsync(wait);
    }
}

using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth attach`: joins a running container's stdio; its exit status becomes berth's, a detach says
/// "read escape sequence" and exits 1 as docker does.</summary>
public static class AttachCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth attach")
    {
        var flags = Batch.Parse(new FlagSet(command).Value("detach-keys").Bool("no-stdin").Bool("sig-proxy"), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Attach, command)); return 0; }
        if (flags.Arguments.Count != 1) throw new ArgumentsError(command, "1 argument", runHint: true);
        var container = await context.Client.GetJsonAsync($"/containers/{Uri.EscapeDataString(flags.Arguments[0])}/json") as JsonObject
            ?? throw new CliError("unexpected empty answer", 1);
        var state = container["State"];
        if (state?["Running"]?.GetValue<bool>() != true) throw new CliError("You cannot attach to a stopped container, start it first", 1);
        if (state["Paused"]?.GetValue<bool>() == true) throw new CliError("You cannot attach to a paused container, unpause it first", 1);
        if (state["Restarting"]?.GetValue<bool>() == true) throw new CliError("You cannot attach to a restarting container, wait until it is running", 1);

        var id = container["Id"]!.ToString();
        var tty = container["Config"]?["Tty"]?.GetValue<bool>() == true;
        var stdin = !flags.IsOn("no-stdin") && container["Config"]?["OpenStdin"]?.GetValue<bool>() == true;
        if (stdin && tty && !Terminal.IsTerminal(0)) throw new CliError("the input device is not a TTY", 1);
        var detachKeys = flags.Get("detach-keys");
        using var wait = await context.Client.OpenAsync(HttpMethod.Post, $"/containers/{id}/wait");
        using var connection = await context.Client.HijackAsync($"/containers/{id}/attach" + Attacher.AttachQuery(stdin, detachKeys), null);
        using var resize = tty ? await Attacher.FollowSizeAsync(context, $"/containers/{id}/resize") : null;
        var sigProxy = !flags.Has("sig-proxy") || flags.IsOn("sig-proxy");
        using var signals = sigProxy && !tty ? Attacher.ProxySignals(context, id) : null;
        if (await Attacher.StreamAsync(context, connection, tty, stdin, detachKeys) == AttachEnd.Detached)
            throw new CliError("read escape sequence", 1);
        return await WaitCommand.StatusAsync(wait);
    }
}

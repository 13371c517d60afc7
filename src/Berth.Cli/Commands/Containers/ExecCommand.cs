using System.Text.Json.Nodes;
using Berth.Cli.CommandLine;
using Berth.Cli.Streams;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth exec`: creates an exec instance, starts it attached (or detached with -d) and exits with its code.</summary>
public static class ExecCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> args, string command = "berth exec")
    {
        var flagSet = new FlagSet(command).Bool("interactive", 'i').Bool("tty", 't').Bool("detach", 'd').Value("env", 'e')
            .Value("env-file").Value("user", 'u').Value("workdir", 'w').Bool("privileged").Value("detach-keys").Bool("help");
        var expanded = ShortFlagGroups.Expand(args, n => n is "env" or "env-file" or "user" or "workdir" or "detach-keys",
            c => c switch { 'i' or 't' or 'd' => false, 'e' or 'u' or 'w' => true, _ => null });
        var flags = flagSet.Parse(expanded, stopAtArgument: true);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Exec, command)); return 0; }
        if (flags.Arguments.Count < 2) throw new ArgumentsError(command, "at least 2 arguments");
        var detach = flags.IsOn("detach");
        var tty = flags.IsOn("tty");
        var stdin = flags.IsOn("interactive") && !detach;
        if (stdin && tty && !Terminal.IsTerminal(0)) throw new CliError("the input device is not a TTY", 1);
        var env = KeyValueFile.Read(flags.Values("env-file"), Environment.GetEnvironmentVariable);
        foreach (var e in flags.Values("env"))
            env.Add(e.Contains('=') || Environment.GetEnvironmentVariable(e) is not { } found ? e : e + "=" + found);
        JsonNode? consoleSize = tty && Terminal.Size(1) is { } size ? new JsonArray(size.Rows, size.Columns) : null;
        var body = new JsonObject
        {
            ["User"] = flags.Get("user") ?? "",
            ["Privileged"] = flags.IsOn("privileged"),
            ["Tty"] = tty,
            ["ConsoleSize"] = consoleSize,
            ["AttachStdin"] = stdin,
            ["AttachStderr"] = !detach,
            ["AttachStdout"] = !detach,
            ["Detach"] = detach,
            ["DetachKeys"] = flags.Get("detach-keys") ?? "",
            ["Env"] = env.Count > 0 ? new JsonArray([.. env.Select(v => (JsonNode)v)]) : null,
            ["WorkingDir"] = flags.Get("workdir") ?? "",
            ["Cmd"] = new JsonArray([.. flags.Arguments.Skip(1).Select(v => (JsonNode)v)]),
        };
        var container = Uri.EscapeDataString(flags.Arguments[0]);
        var created = await context.Client.RequestAsync(HttpMethod.Post, $"/containers/{container}/exec", body);
        var execId = created?["Id"]?.ToString() ?? throw new CliError("exec ID empty", 1);
        var start = new JsonObject { ["Detach"] = detach, ["Tty"] = tty, ["ConsoleSize"] = consoleSize?.DeepClone() };
        if (detach)
        {
            await context.Client.RequestAsync(HttpMethod.Post, $"/exec/{execId}/start", start);
            return 0;
        }
        using var connection = await context.Client.HijackAsync($"/exec/{execId}/start", start);
        using var resize = tty ? await Attacher.FollowSizeAsync(context, $"/exec/{execId}/resize") : null;
        if (await Attacher.StreamAsync(context, connection, tty, stdin, flags.Get("detach-keys")) == AttachEnd.Detached) return 0;
        var inspect = await context.Client.GetJsonAsync($"/exec/{execId}/json");
        return (int)(inspect?["ExitCode"]?.GetValue<long>() ?? 0);
    }
}

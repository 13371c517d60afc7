using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>`berth stop`, `restart`, `kill`, `rm`, `pause`, `unpause`: one request per container, docker's output.</summary>
public static class LifecycleCommands
{
    /// <summary>stop/restart with -t/--timeout (and the older --time) and -s/--signal.</summary>
    public static async Task<int> StopAsync(CliContext context, IReadOnlyList<string> args, string verb, string command)
    {
        var flags = Batch.Parse(new FlagSet(command).Value("signal", 's').Value("timeout", 't').Value("time"), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(verb == "stop" ? ContainerHelp.Stop : ContainerHelp.Restart, command)); return 0; }
        var timeout = flags.Get("timeout") ?? flags.Get("time");
        if (timeout != null && !int.TryParse(timeout, out _))
            throw new UsageError($"invalid argument \"{timeout}\" for \"-t, --timeout\" flag: strconv.ParseInt: parsing \"{timeout}\": invalid syntax", command);
        var query = Batch.Query(("signal", flags.Get("signal")), ("t", timeout));
        return await Batch.RunAsync(context, flags.Arguments, name =>
            context.Client.RequestAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(name)}/{verb}{query}", null));
    }

    /// <summary>kill -s.</summary>
    public static async Task<int> KillAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = Batch.Parse(new FlagSet(command).Value("signal", 's'), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Kill, command)); return 0; }
        var query = Batch.Query(("signal", flags.Get("signal") is { Length: > 0 } s ? s : null));
        return await Batch.RunAsync(context, flags.Arguments, name =>
            context.Client.RequestAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(name)}/kill{query}", null));
    }

    /// <summary>rm -f -v -l.</summary>
    public static async Task<int> RemoveAsync(CliContext context, IReadOnlyList<string> args, string command)
    {
        var flags = Batch.Parse(new FlagSet(command).Bool("force", 'f').Bool("volumes", 'v').Bool("link", 'l'), args);
        if (flags.IsOn("help")) { context.Out.Write(ContainerHelp.For(ContainerHelp.Rm, command)); return 0; }
        var query = Batch.Query(("v", flags.IsOn("volumes") ? "1" : null), ("link", flags.IsOn("link") ? "1" : null),
            ("force", flags.IsOn("force") ? "1" : null));
        return await Batch.RunAsync(context, flags.Arguments.Select(n => n.Trim('/')).ToList(), name =>
        {
            if (name.Length == 0) throw new CliError("Container name cannot be empty", 1);
            return context.Client.RequestAsync(HttpMethod.Delete, $"/containers/{Uri.EscapeDataString(name)}{query}", null);
        }, ignoreNotFound: flags.IsOn("force"));
    }

    /// <summary>pause / unpause.</summary>
    public static async Task<int> PauseAsync(CliContext context, IReadOnlyList<string> args, string verb, string command)
    {
        var help = verb == "pause" ? ContainerHelp.Pause : ContainerHelp.Unpause;
        var flags = Batch.Parse(new FlagSet(command), args);
        if (flags.IsOn("help")) { context.Out.Write(help); return 0; }
        return await Batch.RunAsync(context, flags.Arguments, name =>
            context.Client.RequestAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(name)}/{verb}", null));
    }
}

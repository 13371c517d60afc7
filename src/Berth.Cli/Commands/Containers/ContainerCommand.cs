using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Containers;

/// <summary>The container commands, top-level (`berth ps`) and under `berth container` (`berth container ls`).</summary>
public static class ContainerCommand
{
    /// <summary>Runs a top-level container command, or returns null when name is not one.</summary>
    public static Task<int>? TryRun(CliContext context, string name, IReadOnlyList<string> args, string prefix = "berth") =>
        Help(name) is { } help && Start(context, name, args, prefix) is { } run
            ? UsageErrors.GuardAsync(run, $"{prefix} {name}", help)
            : null;

    private static string? Help(string name) => name switch
    {
        "run" => ContainerHelp.Run, "create" => ContainerHelp.Create, "start" => ContainerHelp.Start, "attach" => ContainerHelp.Attach,
        "logs" => ContainerHelp.Logs, "exec" => ContainerHelp.Exec, "wait" => ContainerHelp.Wait, "stop" => ContainerHelp.Stop,
        "restart" => ContainerHelp.Restart, "kill" => ContainerHelp.Kill, "rm" => ContainerHelp.Rm, "pause" => ContainerHelp.Pause,
        "unpause" => ContainerHelp.Unpause, "ps" => ContainerHelp.Ps, "inspect" => ContainerHelp.Inspect, "diff" => ContainerHelp.Diff,
        "export" => ContainerHelp.Export, "rename" => ContainerHelp.Rename, "top" => ContainerHelp.Top,
        "commit" => ContainerHelp.Commit, "cp" => ContainerHelp.Cp, "update" => ContainerHelp.Update,
        "stats" => ContainerHelp.Stats,
        _ => null,
    };

    private static Func<Task<int>>? Start(CliContext context, string name, IReadOnlyList<string> args, string prefix) => name switch
    {
        "run" => () => RunCommand.RunAsync(context, args, $"{prefix} run"),
        "create" => () => CreateCommand.RunAsync(context, args, $"{prefix} create"),
        "start" => () => StartCommand.RunAsync(context, args, $"{prefix} start"),
        "attach" => () => AttachCommand.RunAsync(context, args, $"{prefix} attach"),
        "logs" => () => LogsCommand.RunAsync(context, args, $"{prefix} logs"),
        "exec" => () => ExecCommand.RunAsync(context, args, $"{prefix} exec"),
        "wait" => () => WaitCommand.RunAsync(context, args, $"{prefix} wait"),
        "stop" or "restart" => () => LifecycleCommands.StopAsync(context, args, name, $"{prefix} {name}"),
        "kill" => () => LifecycleCommands.KillAsync(context, args, $"{prefix} kill"),
        "rm" => () => LifecycleCommands.RemoveAsync(context, args, $"{prefix} rm"),
        "pause" or "unpause" => () => LifecycleCommands.PauseAsync(context, args, name, $"{prefix} {name}"),
        "ps" => () => PsCommand.RunAsync(context, args, $"{prefix} ps"),
        "inspect" when prefix == "berth" => () => InspectCommand.RunAsync(context, args),
        "diff" => () => FilesystemCommands.DiffAsync(context, args, $"{prefix} diff"),
        "export" => () => FilesystemCommands.ExportAsync(context, args, $"{prefix} export"),
        "rename" => () => AdminCommands.RenameAsync(context, args, $"{prefix} rename"),
        "top" => () => AdminCommands.TopAsync(context, args, $"{prefix} top"),
        "commit" => () => CommitCommand.RunAsync(context, args, $"{prefix} commit"),
        "cp" => () => Copy.CopyCommand.RunAsync(context, args, $"{prefix} cp"),
        "update" => () => UpdateCommand.RunAsync(context, args, $"{prefix} update"),
        "stats" => () => StatsCommand.RunAsync(context, args, $"{prefix} stats"),
        _ => null,
    };

    /// <summary>Runs `berth container SUBCOMMAND`.</summary>
    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h")
        {
            context.Out.Write(ContainerHelp.Container);
            return Task.FromResult(0);
        }
        var rest = args.Skip(1).ToList();
        return args[0] switch
        {
            "ls" or "list" or "ps" => UsageErrors.GuardAsync(() => PsCommand.RunAsync(context, rest, "berth container ls"), "berth container ls", ContainerHelp.Ps),
            "inspect" => UsageErrors.GuardAsync(() => InspectCommand.RunAsync(context, rest, "berth container inspect", "container"),
                "berth container inspect", ContainerHelp.ContainerInspectHelp),
            "prune" => UsageErrors.GuardAsync(() => AdminCommands.PruneAsync(context, rest, "berth container prune"), "berth container prune",
                ContainerHelp.ContainerPrune),
            "remove" => UsageErrors.GuardAsync(() => LifecycleCommands.RemoveAsync(context, rest, "berth container rm"), "berth container rm", ContainerHelp.Rm),
            var sub => TryRun(context, sub, rest, "berth container")
                ?? throw new CliError($"berth: 'container {sub}' is not a berth command.\nSee 'berth container --help'", 1),
        };
    }
}

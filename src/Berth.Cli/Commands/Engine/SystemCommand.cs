using Berth.Cli.CommandLine;

namespace Berth.Cli.Commands.Engine;

/// <summary>`berth system …`: the management command for the engine as a whole.</summary>
public static class SystemCommand
{
    /// <summary>The help text.</summary>
    public const string Help = """
        Usage:  berth system COMMAND

        Manage Berth

        Commands:
          df          Show berth disk usage
          events      Get real time events from the server
          info        Display system-wide information

        Run 'berth system COMMAND --help' for more information on a command.

        """;

    /// <summary>Runs `system SUBCOMMAND`.</summary>
    public static Task<int> RunAsync(CliContext context, IReadOnlyList<string> args)
    {
        var rest = args.Skip(1).ToList();
        if (args.Count == 0 || args[0] is "--help" or "-h")
        {
            context.Out.Write(Help);
            return Task.FromResult(0);
        }
        return args[0] switch
        {
            "df" => DiskUsageCommand.RunAsync(context, rest),
            "info" => InfoCommand.RunAsync(context, rest),
            "events" => EventsCommand.RunAsync(context, rest, "berth system events"),
            var other => throw new CliError($"berth: 'system {other}' is not a berth command.\nSee 'berth system --help'", 1),
        };
    }
}

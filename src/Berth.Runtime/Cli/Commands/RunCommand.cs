using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`run [create flags] [--detach] [--keep] ID`: create and start; in the foreground, the container's exit status.</summary>
internal static class RunCommand
{
    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = CreateCommand.Flags().Bool("detach", "d").Bool("keep").Parse(argv);
        var id = RuntimeCommandLine.RequireId(args, "run");
        if (args.IsSet("keep")) throw new RuntimeException("--keep is not supported");
        return RunContainer.Run(global.Store, CreateCommand.Options(args, id), args.IsSet("detach"));
    }
}

using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`delete [--force] ID`; --force on an unknown id succeeds, as with runc.</summary>
internal static class DeleteCommand
{
    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = new FlagSet().Bool("force", "f").Parse(argv);
        var id = RuntimeCommandLine.RequireId(args, "delete");
        if (args.IsSet("force")) Delete.Force(global.Store, id);
        else Delete.Run(Container.Load(global.Store, id), force: false);
        return 0;
    }
}

using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`delete [--force] ID`; --force on an unknown id succeeds, as with runc.</summary>
internal static class DeleteCommand
{
    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = new FlagSet().Bool("force", "f").Parse(argv);
        var id = RuntimeCommandLine.RequireId(args, "delete");
        Container container;
        try { container = Container.Load(global.Store, id); }
        catch (RuntimeException) when (args.IsSet("force"))
        {
            global.Store.Remove(id);
            return 0;
        }
        Delete.Run(container, args.IsSet("force"));
        return 0;
    }
}

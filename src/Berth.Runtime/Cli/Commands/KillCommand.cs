using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`kill [--all] ID [SIGNAL]` (default SIGTERM).</summary>
internal static class KillCommand
{
    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = new FlagSet().Bool("all", "a").Parse(argv);
        var id = RuntimeCommandLine.RequireId(args, "kill", extraAllowed: 1);
        var signal = Signals.Parse(args.Positional.Count > 1 ? args.Positional[1] : "SIGTERM");
        Kill.Run(Container.Load(global.Store, id), signal, args.IsSet("all"));
        return 0;
    }
}

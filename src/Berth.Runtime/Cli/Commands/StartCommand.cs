using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`start ID`.</summary>
internal static class StartCommand
{
    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var id = RuntimeCommandLine.RequireId(new FlagSet().Parse(argv), "start");
        Start.Run(Container.Load(global.Store, id));
        return 0;
    }
}

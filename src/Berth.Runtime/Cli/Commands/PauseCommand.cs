using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`pause ID` and `resume ID`.</summary>
internal static class PauseCommand
{
    internal static int Pause(GlobalOptions global, IReadOnlyList<string> argv)
    {
        Lifecycle.Pause.Freeze(Container.Load(global.Store, RuntimeCommandLine.RequireId(new FlagSet().Parse(argv), "pause")));
        return 0;
    }

    internal static int Resume(GlobalOptions global, IReadOnlyList<string> argv)
    {
        Lifecycle.Pause.Thaw(Container.Load(global.Store, RuntimeCommandLine.RequireId(new FlagSet().Parse(argv), "resume")));
        return 0;
    }
}

using Berth.Runtime.Lifecycle;

namespace Berth.Runtime.Cli.Commands;

/// <summary>`create [--bundle DIR] [--pid-file F] [--console-socket S] [--no-pivot] [--no-new-keyring] [--preserve-fds N] ID`.</summary>
internal static class CreateCommand
{
    /// <summary>The flags create and run share.</summary>
    internal static FlagSet Flags() => new FlagSet()
        .Value("bundle", "b").Value("pid-file").Value("console-socket").Value("preserve-fds").Value("pidfd-socket")
        .Bool("no-pivot").Bool("no-new-keyring");

    /// <summary>Builds the create options from parsed flags.</summary>
    internal static CreateOptions Options(ParsedArgs args, string id) => new(id, args.Get("bundle") ?? Directory.GetCurrentDirectory())
    {
        PidFile = args.Get("pid-file"),
        ConsoleSocket = args.Get("console-socket"),
        NoPivot = args.IsSet("no-pivot"),
        NoNewKeyring = args.IsSet("no-new-keyring"),
        PreserveFds = args.Int("preserve-fds", 0),
    };

    internal static int Run(GlobalOptions global, IReadOnlyList<string> argv)
    {
        var args = Flags().Parse(argv);
        var id = RuntimeCommandLine.RequireId(args, "create");
        if (args.Get("pidfd-socket") != null) throw new RuntimeException("--pidfd-socket is not supported");
        Create.Run(global.Store, Options(args, id));
        return 0;
    }
}

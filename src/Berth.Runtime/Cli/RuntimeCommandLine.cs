using Berth.Runtime.Cli.Commands;
using Berth.Runtime.State;

namespace Berth.Runtime.Cli;

/// <summary>The global options every command sees.</summary>
internal sealed record GlobalOptions(StateStore Store, bool SystemdCgroup);

/// <summary>Entry point of `berth-runtime`: runc's command grammar, dispatched to one handler per command.</summary>
internal static class RuntimeCommandLine
{
    private static readonly FlagSet GlobalFlags = new FlagSet()
        .Value("root").Value("log").Value("log-format").Value("criu")
        .Bool("debug").Bool("systemd-cgroup").Value("rootless").Bool("help", "h").Bool("version", "v");

    private static readonly Dictionary<string, Func<GlobalOptions, IReadOnlyList<string>, int>> Commands = new()
    {
        ["create"] = CreateCommand.Run, ["run"] = RunCommand.Run, ["start"] = StartCommand.Run,
        ["state"] = StateCommand.Run, ["kill"] = KillCommand.Run, ["delete"] = DeleteCommand.Run,
        ["exec"] = ExecCommand.Run, ["pause"] = PauseCommand.Pause, ["resume"] = PauseCommand.Resume,
        ["ps"] = PsCommand.Run, ["list"] = ListCommand.Run, ["update"] = UpdateCommand.Run,
        ["events"] = EventsCommand.Run, ["spec"] = SpecCommand.Run, ["features"] = FeaturesCommand.Run,
        ["checkpoint"] = Unsupported("checkpoint"), ["restore"] = Unsupported("restore"),
    };

    private const string Usage = """
        usage: berth-runtime [global options] command [command options] [arguments...]

        An OCI runtime with runc's command line.

        commands: create run start state kill delete exec pause resume ps list update events spec features
        global options: --root DIR (default /run/berth-runtime), --log FILE, --log-format text|json, --debug,
                        --systemd-cgroup
        """;

    internal static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "init") return Init.InitProcess.Run();
        PhaseTimer.Mark("main");
        try
        {
            var global = GlobalFlags.Parse(args);
            RuntimeLog.Configure(global.Get("log"), global.Get("log-format") ?? "text", global.IsSet("debug"));
            if (global.IsSet("version"))
            {
                Console.Out.Write($"berth-runtime version {typeof(RuntimeCommandLine).Assembly.GetName().Version}\nspec: {Oci.RuntimeSpec.SpecVersion.Current}\n");
                return 0;
            }
            if (global.IsSet("help") || global.Positional.Count == 0)
            {
                Console.Out.WriteLine(Usage);
                return global.IsSet("help") ? 0 : 1;
            }
            var name = global.Positional[0];
            if (!Commands.TryGetValue(name, out var command))
                throw new UsageException($"No help topic for '{name}'");
            if (global.Get("rootless") is "true") throw new RuntimeException("rootless containers are not supported");
            var options = new GlobalOptions(new StateStore(global.Get("root") ?? StateStore.DefaultRoot), global.IsSet("systemd-cgroup"));
            if (options.SystemdCgroup && name is "create" or "run")
                throw new RuntimeException("the systemd cgroup driver is not supported; use cgroupfs");
            return command(options, global.Positional.Skip(1).ToList());
        }
        catch (RuntimeException e)
        {
            RuntimeLog.Error(e.Message);
            Console.Error.WriteLine($"berth-runtime: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RuntimeLog.Error(e.Message);
            Console.Error.WriteLine($"berth-runtime: {e.Message}");
            return 1;
        }
    }

    private static Func<GlobalOptions, IReadOnlyList<string>, int> Unsupported(string command)
        => (_, _) => throw new RuntimeException($"{command} is not supported by berth-runtime (no CRIU support)");

    /// <summary>The single container id a command takes, or a usage error.</summary>
    internal static string RequireId(ParsedArgs args, string command, int extraAllowed = 0)
    {
        if (args.Positional.Count < 1) throw new UsageException($"\"{command}\" requires a container id");
        if (args.Positional.Count > 1 + extraAllowed)
            throw new UsageException($"\"{command}\" takes {(extraAllowed == 0 ? "exactly one" : "at most " + (1 + extraAllowed))} argument(s)");
        return args.Positional[0];
    }
}
